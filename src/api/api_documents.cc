// Routes of documents: upload (the file as the body), metadata, lists and
// the download, each at the document's tier (service/document_service.h).
#include <fmt/format.h>

#include "api/api.h"
#include "api/views.h"
#include "base/strings.h"

namespace biobridge::api {
namespace {

// Content-Disposition for a download: an ASCII name for old clients and the
// UTF-8 one (RFC 6266, RFC 8187); always an attachment, never shown inline.
std::string Disposition(const domain::Document& d) {
  std::string ascii;
  for (const char c : d.name) ascii += (static_cast<unsigned char>(c) < 0x80 && c != '\\') ? c : '_';
  return fmt::format("attachment; filename=\"{}\"; filename*=UTF-8''{}", ascii, PercentEncode(d.name));
}

}  // namespace

json::object View(const domain::Document& d) {
  // The interchange form, without who uploaded it (an account id), with where its bytes are.
  json::object out = domain::ToJson(d);
  out.erase("type");
  out.erase("uploaded_by");
  out["content"] = fmt::format("/api/documents/{}/content", d.id);
  return out;
}

void Api::AddDocumentRoutes() {
  service::DocumentService& documents = services_.documents;

  Route upload{"POST", "/api/organizations/{id}/documents",
               {"name", "confidentiality", "opportunity", "certificate", "review_project"},
               [&documents](RequestContext& c) -> Result<HttpResponse> {
                 const service::DocumentUpload upload{std::string(c.PathParam("id")), c.Query("opportunity"),
                                                      c.Query("name"), c.Query("confidentiality"),
                                                      c.Query("certificate"), c.Query("review_project")};
                 BB_ASSIGN_OR_RETURN(auto document, documents.Upload(c.principal, upload, c.request.body));
                 return JsonResponse(201, View(document));
               }};
  upload.takes_file = true;
  upload.body_limit = static_cast<std::size_t>(domain::kMaxDocumentBytes);
  router_.Add(std::move(upload));

  for (const auto& [subject, collection] : {std::pair{"organization", "organizations"},
                                            std::pair{"opportunity", "opportunities"},
                                            std::pair{"review_project", "review-projects"}}) {
    router_.Add({"GET", fmt::format("/api/{}/{{id}}/documents", collection), {},
                 [&documents, subject = std::string(subject)](RequestContext& c) -> Result<HttpResponse> {
                   BB_ASSIGN_OR_RETURN(auto list, documents.List(c.principal, subject, c.PathParam("id")));
                   return JsonResponse(200, ListView(list));
                 }});
  }
  router_.Add({"GET", "/api/documents/{id}", {}, [&documents](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(auto document, documents.Get(c.principal, c.PathParam("id")));
                 return JsonResponse(200, View(document));
               }});
  router_.Add({"GET", "/api/documents/{id}/content", {}, [&documents](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(auto content, documents.Download(c.principal, c.PathParam("id")));
                 HttpResponse response;
                 response.content_type = content.document.media_type;
                 response.body = std::move(content.bytes);
                 response.headers.emplace_back("Content-Disposition", Disposition(content.document));
                 // Opened by mistake as a page, it can run nothing and reach nothing.
                 response.headers.emplace_back("Content-Security-Policy", "sandbox; default-src 'none'");
                 if (content.document.confidentiality != "public") {
                   response.headers.emplace_back("Cache-Control", "private, no-store");
                 }
                 return response;
               }});
  router_.Add({"DELETE", "/api/documents/{id}", {}, [&documents](RequestContext& c) -> Result<HttpResponse> {
                 BB_RETURN_IF_ERROR(documents.Delete(c.principal, c.PathParam("id")));
                 return NoContent();
               }});
}

}  // namespace biobridge::api
