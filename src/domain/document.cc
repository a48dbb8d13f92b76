#include "domain/document.h"

#include <algorithm>

#include <fmt/format.h>

#include "base/strings.h"
#include "base/utf8.h"

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

}  // namespace biobridge::domain
