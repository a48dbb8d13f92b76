// DocumentService: files organisations, their opportunities, their
// certificates and their projects for review carry, on the confidentiality
// ladder (domain/document.h, files/).
//
// Members of the organisation upload (in person: a document is someone's
// act) and delete; who may read a document follows its tier exactly as for
// text: public to anyone, members to people with a verified address (and
// the organisation), cda to the organisation and the parties of a deal with
// it whose agreement both sides accepted (about that opportunity, for an
// opportunity's document). A document one may not read does not exist for
// them (kNotFound), in lists too.
//
// A project's documents are for those who may open the project
// (CommitteeService::GetProject): the applicant, the programme's chairs and
// the experts assigned to it, whatever the tier. A double-blind expert sees
// neither whose they are, their names ("Document 2.pdf") nor their hashes.
//
// An upload is refused before anything is kept when it is over
// domain::kMaxDocumentBytes (kResourceExhausted), not a type a document may
// be, read from its bytes (kInvalidArgument "file"), or past the
// organisation's quota (kResourceExhausted).
//
// Errors (beyond service/context.h's, and the upload's above):
// kFailedPrecondition for adding a file to a project the committee decided
// or that was withdrawn; kNotFound for a document, or its subject, the caller
// may not see.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/document.h"
#include "files/blob_store.h"
#include "service/committee_service.h"
#include "service/context.h"
#include "service/principal.h"

namespace biobridge::service {

struct DocumentUpload {
  std::string organization_id;
  std::string opportunity_id;  // empty: the organisation's own document (or a certificate's)
  std::string name;
  std::string confidentiality = "public";
  std::string certificate_id;  // a certificate's scan; not with an opportunity
  std::string review_project_id;  // a document of the organisation's project for review; alone
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
  // The documents of a subject (one of domain::kDocumentSubjects) that `who` may read.
  Result<std::vector<domain::Document>> List(const Principal& who, std::string_view subject_type,
                                             std::string_view subject_id);
  Status Delete(const Principal& who, std::string_view id);

 private:
  // Whether `who` may read the document; a project's document comes back
  // without its owner and name for a double-blind expert.
  Result<bool> MayRead(const Principal& who, domain::Document& document);
  // What `who` may see of a project for review, nullopt when nothing.
  Result<std::optional<ProjectView>> ProjectReader(const Principal& who, std::string_view project_id);

  ServiceContext context_;
  files::BlobStore& blobs_;
};

}  // namespace biobridge::service
