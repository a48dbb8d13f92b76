#include "domain/document.h"

#include <algorithm>

#include <fmt/format.h>

#include "base/strings.h"
#include "base/utf8.h"
#include "domain/json_fields.h"

namespace biobridge::domain {

Result<std::string> CleanDocumentName(std::string_view name) {
  // Only the last component of a path ("C:\\decks\\a.pdf", "../a.pdf").
  if (const std::size_t slash = name.find_last_of("/\\"); slash != std::string_view::npos) name.remove_prefix(slash + 1);
  if (!IsValidUtf8(name)) return InvalidArgumentError("name", "the file name is not valid UTF-8");
  std::string clean;
  for (const char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f || c == '"') continue;  // control characters break headers; quotes, the disposition
    clean += c;
  }
  clean = Trim(clean);
  while (!clean.empty() && clean.front() == '.') clean.erase(clean.begin());  // no hidden or relative names
  if (clean.empty()) return InvalidArgumentError("name", "give the file a name, e.g. deck.pdf");
  if (CountCodePoints(clean) > kMaxDocumentNameCharacters) {
    return InvalidArgumentError("name", fmt::format("the file name is longer than {} characters", kMaxDocumentNameCharacters));
  }
  return clean;
}

Status ValidateDocument(const Document& d) {
  if (std::find(std::begin(kDocumentSubjects), std::end(kDocumentSubjects), d.subject_type) == std::end(kDocumentSubjects)) {
    return InvalidArgumentError("subject", fmt::format("a document belongs to an organisation, an opportunity, a certificate or a project for review, not a '{}'",
                                                       d.subject_type));
  }
  if (d.organization_id.empty() || d.subject_id.empty()) return InvalidArgumentError("subject", "name what the document belongs to");
  if (d.confidentiality != "public" && d.confidentiality != "members" && d.confidentiality != "cda") {
    return InvalidArgumentError("confidentiality",
                                fmt::format("unknown tier '{}'; use public, members or cda", d.confidentiality));
  }
  BB_ASSIGN_OR_RETURN(const std::string clean, CleanDocumentName(d.name));
  if (clean != d.name) return InvalidArgumentError("name", "the file name is not clean");
  if (d.size <= 0) return InvalidArgumentError("file", "the file is empty");
  if (d.size > kMaxDocumentBytes) {
    return ResourceExhaustedError(fmt::format("the file is {} bytes; the limit is {} MB", d.size, kMaxDocumentBytes >> 20));
  }
  if (d.sha256.size() != 64) return InvalidArgumentError("sha256", "not a SHA-256");
  return Status::Ok();
}

json::object ToJson(const Document& d) {
  return json::object{{"type", kDocumentType},
                      {"id", d.id},
                      {"organization", d.organization_id},
                      {"subject", json::object{{"type", d.subject_type}, {"id", d.subject_id}}},
                      {"name", d.name},
                      {"media_type", d.media_type},
                      {"size", d.size},
                      {"sha256", d.sha256},
                      {"confidentiality", d.confidentiality},
                      {"uploaded_by", d.uploaded_by},
                      {"created_at", FormatTimestamp(d.created_at)}};
}

Result<Document> DocumentFromJson(const json::object& object) {
  RecordReader in(object, {"id", "organization", "subject", "name", "media_type", "size", "sha256", "confidentiality",
                           "uploaded_by"});
  Document d;
  BB_RETURN_IF_ERROR(in.Type(kDocumentType));
  BB_RETURN_IF_ERROR(in.String("id", d.id));
  BB_RETURN_IF_ERROR(in.String("organization", d.organization_id));
  BB_RETURN_IF_ERROR(in.Object("subject", {"type", "id"}, [&](const RecordReader& s) -> Status {
    BB_RETURN_IF_ERROR(s.String("type", d.subject_type));
    return s.String("id", d.subject_id);
  }));
  BB_RETURN_IF_ERROR(in.String("name", d.name));
  BB_RETURN_IF_ERROR(in.String("media_type", d.media_type));
  double size = 0;
  BB_RETURN_IF_ERROR(in.Number("size", size, 1, static_cast<double>(kMaxDocumentBytes)));
  d.size = static_cast<std::int64_t>(size);
  BB_RETURN_IF_ERROR(in.String("sha256", d.sha256));
  BB_RETURN_IF_ERROR(in.String("confidentiality", d.confidentiality));
  if (d.confidentiality.empty()) d.confidentiality = "public";
  BB_RETURN_IF_ERROR(in.String("uploaded_by", d.uploaded_by));
  if (const json::value* at = object.if_contains("created_at"); at && at->is_string()) {
    BB_ASSIGN_OR_RETURN(d.created_at, ParseTimestamp(at->get_string()));
  }
  if (!in.Extra().empty()) return InvalidArgumentError(std::string(in.Extra().begin()->key()), "is not a field of a document");
  return d;
}

}  // namespace biobridge::domain
