// Documents: files that organisations, their opportunities, their
// certificates and their projects before an expert committee carry — a
// deck, a brochure, a certificate's scan, a dossier.
//
// The bytes are kept by their SHA-256 (files/blob_store.h); a Document is
// what the directory knows of one: whose it is, what it is attached to, its
// name, its type as read from the content, its size and its tier on the
// confidentiality ladder (public, members, cda), enforced exactly like the
// text of the tier.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/json.h"
#include "base/status.h"
#include "base/time.h"

namespace biobridge::domain {

inline constexpr std::string_view kDocumentSubjects[] = {"organization", "opportunity", "certificate", "review_project"};
inline constexpr std::int64_t kMaxDocumentBytes = 25 * 1024 * 1024;            // a file
inline constexpr std::int64_t kDocumentQuotaBytes = 500LL * 1024 * 1024;       // an organisation's files together
inline constexpr std::size_t kMaxDocumentNameCharacters = 200;

struct Document {
  std::string id;
  std::string organization_id;  // whose it is
  std::string subject_type;     // one of kDocumentSubjects
  std::string subject_id;       // the organisation itself, or one of its opportunities, certificates or projects
  std::string name;             // as given, cleaned (no path, no control characters)
  std::string media_type;       // from the content
  std::int64_t size = 0;
  std::string sha256;
  std::string confidentiality = "public";
  std::string uploaded_by;  // user id
  Timestamp created_at{};
  friend bool operator==(const Document&, const Document&) = default;
};

// The interchange form ("type": "document", the subject as {"type", "id"});
// the bytes travel beside it, named by their SHA-256.
inline constexpr std::string_view kDocumentType = "document";
json::object ToJson(const Document& document);
Result<Document> DocumentFromJson(const json::object& object);

// A file name as given, made safe to store and to send back: the last
// component of any path, control characters and quotes removed, trimmed;
// kInvalidArgument ("name") when nothing is left or it is too long.
Result<std::string> CleanDocumentName(std::string_view name);

// A subject that exists as a kind, a tier of the ladder, a clean name, a
// size within kMaxDocumentBytes, a SHA-256.
Status ValidateDocument(const Document& document);

}  // namespace biobridge::domain
