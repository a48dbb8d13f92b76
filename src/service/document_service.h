// DocumentService: files organisations, their opportunities and their
// certificates carry, on
// the confidentiality ladder (domain/document.h, files/).
//
// Members of the organisation upload (in person: a document is someone's
// act) and delete; who may read a document follows its tier exactly as for
// text: public to anyone, members to people with a verified address (and
// the organisation), cda to the organisation and the parties of a deal with
// it whose agreement both sides accepted (about that opportunity, for an
// opportunity's document). A document one may not read does not exist for
// them (kNotFound), in lists too.
//
// An upload is refused before anything is kept when it is over
// domain::kMaxDocumentBytes (kResourceExhausted), not a type a document may
// be, read from its bytes (kInvalidArgument "file"), or past the
// organisation's quota (kResourceExhausted).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/document.h"
#include "files/blob_store.h"
#include "service/context.h"
#include "service/principal.h"

namespace biobridge::service {

struct DocumentUpload {
  std::string organization_id;
  std::string opportunity_id;  // empty: the organisation's own document (or a certificate's)
  std::string name;
  std::string confidentiality = "public";
  std::string certificate_id;  // a certificate's scan; not with an opportunity
};

struct DocumentContent {
  domain::Document document;
  std::string bytes;
};

class DocumentService {
 public:
  DocumentService(const ServiceContext& context, files::BlobStore& blobs) : context_(context), blobs_(blobs) {}

  Result<domain::Document> Upload(const Principal& who, const DocumentUpload& upload, std::string_view bytes);
  Result<domain::Document> Get(const Principal& who, std::string_view id);
  Result<DocumentContent> Download(const Principal& who, std::string_view id);
  // The documents of an organisation (subject "organization") or an
  // opportunity that `who` may read.
  Result<std::vector<domain::Document>> List(const Principal& who, std::string_view subject_type,
                                             std::string_view subject_id);
  Status Delete(const Principal& who, std::string_view id);

 private:
  Result<bool> MayRead(const Principal& who, const domain::Document& document);

  ServiceContext context_;
  files::BlobStore& blobs_;
};

}  // namespace biobridge::service
