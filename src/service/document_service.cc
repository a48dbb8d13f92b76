#include "service/document_service.h"

#include <fmt/format.h>

#include "base/random.h"
#include "files/media_type.h"
#include "service/authorization.h"
#include "service/committee_service.h"
#include "service/roles.h"
#include "storage/store.h"

namespace biobridge::service {
namespace {

Status Missing(std::string_view id) { return NotFoundError(fmt::format("no document has id '{}'", id)); }

// A project's document as a double-blind expert gets it: numbered by when
// it came (`n`, as the applicant's own list orders them), without its owner,
// its uploader or its hash (which would find the same file wherever the
// applicant also published it).
void Anonymise(domain::Document& d, std::size_t n) {
  const std::size_t dot = d.name.rfind('.');
  const std::string extension = dot != std::string::npos && d.name.size() - dot <= 6 ? d.name.substr(dot) : "";
  d.name = fmt::format("Document {}{}", n, extension);
  d.organization_id.clear();
  d.uploaded_by.clear();
  d.sha256.clear();
}

}  // namespace

Result<std::optional<ProjectView>> DocumentService::ProjectReader(const Principal& who, std::string_view project_id) {
  Result<ProjectView> project = CommitteeService(context_).GetProject(who, project_id);
  if (project.ok()) return std::optional<ProjectView>(std::move(*project));
  const StatusCode code = project.status().code();
  if (code == StatusCode::kNotFound || code == StatusCode::kPermissionDenied || code == StatusCode::kUnauthenticated) {
    return std::optional<ProjectView>();
  }
  return project.status();
}

Result<bool> DocumentService::MayRead(const Principal& who, domain::Document& d) {
  if (who.platform_admin() || who.MemberOf(d.organization_id)) return true;
  if (d.subject_type == "review_project") {
    BB_ASSIGN_OR_RETURN(const std::optional<ProjectView> project, ProjectReader(who, d.subject_id));
    if (!project) return false;
    if (project->applicant_hidden) {
      BB_ASSIGN_OR_RETURN(const std::vector<domain::Document> all, context_.store.ListDocuments(d.subject_type, d.subject_id));
      std::size_t n = 1;
      while (n <= all.size() && all[n - 1].id != d.id) ++n;
      Anonymise(d, n);
    }
    return true;
  }
  if (d.confidentiality == "public") return true;
  if (d.confidentiality == "members") return MayView(who, d.organization_id, "members");
  // cda: the agreement both sides accepted (about this opportunity, for an
  // opportunity's document).
  return IsAgreementPartner(context_.store, who, d.organization_id,
                            d.subject_type == "opportunity" ? std::string_view(d.subject_id) : std::string_view());
}

Result<domain::Document> DocumentService::Upload(const Principal& who, const DocumentUpload& upload,
                                                 std::string_view bytes) {
  BB_RETURN_IF_ERROR(RequireMemberInPerson(who, upload.organization_id, "add documents to it"));
  if (static_cast<std::int64_t>(bytes.size()) > domain::kMaxDocumentBytes) {
    return ResourceExhaustedError(
        fmt::format("the file is {} bytes; the limit is {} MB", bytes.size(), domain::kMaxDocumentBytes >> 20), "file");
  }
  if (bytes.empty()) return InvalidArgumentError("file", "the file is empty");
  domain::Document d;
  BB_ASSIGN_OR_RETURN(d.name, domain::CleanDocumentName(upload.name));
  d.organization_id = upload.organization_id;
  d.subject_type = "organization";
  d.subject_id = upload.organization_id;
  d.confidentiality = upload.confidentiality.empty() ? "public" : upload.confidentiality;
  if (!upload.opportunity_id.empty() && !upload.certificate_id.empty()) {
    return InvalidArgumentError("certificate", "a document belongs to an opportunity or to a certificate, not both");
  }
  if (!upload.review_project_id.empty()) {
    if (!upload.opportunity_id.empty() || !upload.certificate_id.empty()) {
      return InvalidArgumentError("review_project", "a project's document belongs to the project alone");
    }
    Result<domain::ReviewProject> project = context_.store.GetReviewProject(upload.review_project_id);
    if (!project.ok() || project->organization_id != upload.organization_id) {
      if (project.ok() || project.status().code() == StatusCode::kNotFound) {
        return NotFoundError(fmt::format("organisation '{}' has no project for review '{}'", upload.organization_id,
                                         upload.review_project_id));
      }
      return project.status();
    }
    if (project->status != "submitted") {
      return FailedPreconditionError("the committee has decided on this project (or it was withdrawn); it takes no more documents");
    }
    d.subject_type = "review_project";
    d.subject_id = upload.review_project_id;
    // Who reads it follows the project, not the ladder; kept at the strictest tier.
    d.confidentiality = "cda";
  }
  if (!upload.certificate_id.empty()) {
    Result<domain::Certificate> certificate = context_.store.GetCertificate(upload.certificate_id);
    if (!certificate.ok() || certificate->organization_id != upload.organization_id) {
      if (certificate.ok() || certificate.status().code() == StatusCode::kNotFound) {
        return NotFoundError(
            fmt::format("organisation '{}' has no certificate '{}'", upload.organization_id, upload.certificate_id));
      }
      return certificate.status();
    }
    d.subject_type = "certificate";
    d.subject_id = upload.certificate_id;
  }
  if (!upload.opportunity_id.empty()) {
    d.subject_type = "opportunity";
    d.subject_id = upload.opportunity_id;
    // Another organisation's opportunity is as absent as one that is not
    // there: an upload must not tell whether a hidden one exists.
    Result<domain::Opportunity> opportunity = context_.store.GetOpportunity(upload.opportunity_id);
    if (!opportunity.ok() || opportunity->organization_id != upload.organization_id) {
      if (opportunity.ok() || opportunity.status().code() == StatusCode::kNotFound) {
        return NotFoundError(
            fmt::format("organisation '{}' has no opportunity '{}'", upload.organization_id, upload.opportunity_id));
      }
      return opportunity.status();
    }
  }
  BB_ASSIGN_OR_RETURN(const files::MediaType type, files::AllowedDocumentType(bytes));
  d.media_type = type.mime;
  d.size = static_cast<std::int64_t>(bytes.size());
  d.sha256 = files::Sha256Hex(bytes);
  d.uploaded_by = who.actor();
  d.created_at = context_.clock.Now();
  d.id = NewId(context_.random, "doc_");
  BB_RETURN_IF_ERROR(domain::ValidateDocument(d));
  // The store checks the quota again in its transaction (two uploads at
  // once); this check only spares writing a file that would be refused.
  BB_ASSIGN_OR_RETURN(const std::int64_t used, context_.store.DocumentBytes(d.organization_id));
  if (used + d.size > domain::kDocumentQuotaBytes) {
    return ResourceExhaustedError(fmt::format("the organisation's documents would take more than {} MB; delete some "
                                              "first",
                                              domain::kDocumentQuotaBytes >> 20),
                                  "file");
  }
  // The file first: a row never names a file that is not kept. A file kept
  // for a row that then fails is found again by its hash, or left unused.
  BB_RETURN_IF_ERROR(blobs_.Put(bytes).status());
  BB_RETURN_IF_ERROR(context_.store.CreateDocument(d, {who.actor(), d.created_at}));
  return d;
}

Result<domain::Document> DocumentService::Get(const Principal& who, std::string_view id) {
  Result<domain::Document> d = context_.store.GetDocument(id);
  if (!d.ok()) return d.status().code() == StatusCode::kNotFound ? Missing(id) : d.status();
  BB_ASSIGN_OR_RETURN(const bool may, MayRead(who, *d));
  if (!may) return Missing(id);
  return d;
}

Result<DocumentContent> DocumentService::Download(const Principal& who, std::string_view id) {
  BB_ASSIGN_OR_RETURN(domain::Document d, Get(who, id));
  // What the reader may see of it (Get) may lack its hash; the bytes are found by the stored one.
  BB_ASSIGN_OR_RETURN(const domain::Document stored, context_.store.GetDocument(id));
  BB_ASSIGN_OR_RETURN(std::string bytes, blobs_.Read(stored.sha256));
  return DocumentContent{std::move(d), std::move(bytes)};
}

Result<std::vector<domain::Document>> DocumentService::List(const Principal& who, std::string_view subject_type,
                                                            std::string_view subject_id) {
  // A project's documents: who may open the project is read once, and
  // nothing of its documents (not even how many) when they may not.
  if (subject_type == "review_project" && !who.platform_admin()) {
    BB_ASSIGN_OR_RETURN(const std::optional<ProjectView> project, ProjectReader(who, subject_id));
    if (!project) return std::vector<domain::Document>();
    BB_ASSIGN_OR_RETURN(std::vector<domain::Document> all, context_.store.ListDocuments(subject_type, subject_id));
    if (project->applicant_hidden) {
      for (std::size_t i = 0; i < all.size(); ++i) Anonymise(all[i], i + 1);
    }
    return all;
  }
  BB_ASSIGN_OR_RETURN(std::vector<domain::Document> all, context_.store.ListDocuments(subject_type, subject_id));
  std::vector<domain::Document> out;
  for (domain::Document& d : all) {
    BB_ASSIGN_OR_RETURN(const bool may, MayRead(who, d));
    if (may) out.push_back(std::move(d));
  }
  return out;
}

Status DocumentService::Delete(const Principal& who, std::string_view id) {
  BB_RETURN_IF_ERROR(RequireSignedIn(who, "delete a document"));
  BB_ASSIGN_OR_RETURN(const domain::Document d, Get(who, id));
  BB_RETURN_IF_ERROR(RequireMemberInPerson(who, d.organization_id, "delete its documents"));
  BB_ASSIGN_OR_RETURN(const bool shared, context_.store.DeleteDocument(d.id, {who.actor(), context_.clock.Now()}));
  if (!shared) BB_RETURN_IF_ERROR(blobs_.Remove(d.sha256));
  return Status::Ok();
}

}  // namespace biobridge::service
