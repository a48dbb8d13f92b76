// Routes of certificates (service/certificate_service.h): an organisation's
// list, one certificate, recording and editing, verification, and an
// association's accreditation. A certificate's view carries its state at
// today's date and the documents (scans) the viewer may read.
#include <fmt/format.h>

#include "api/api.h"
#include "api/views.h"

namespace biobridge::api {
namespace {

// "valid", "expiring" (within the first reminder) or "expired".
std::string StateOf(const domain::Certificate& c, const Date& today) {
  if (!c.InForce(today)) return "expired";
  const std::optional<int> left = c.DaysLeft(today);
  return left && *left <= domain::kCertificateReminderDays[0] ? "expiring" : "valid";
}

json::object CertificateView(const domain::Certificate& c, const Date& today, const json::array& documents) {
  json::object out{{"id", c.id},
                   {"organization", c.organization_id},
                   {"kind", c.kind},
                   {"family", ""},
                   {"issuer", c.issuer},
                   {"number", c.number},
                   {"country", c.country},
                   {"detail", c.detail},
                   {"products", json::array(c.products.begin(), c.products.end())},
                   {"sites", json::array(c.sites.begin(), c.sites.end())},
                   {"issued_on", FormatDate(c.issued_on)},
                   {"expires_on", c.expires_on ? json::value(FormatDate(*c.expires_on)) : json::value(nullptr)},
                   {"state", StateOf(c, today)},
                   {"version", c.version},
                   {"created_at", FormatTimestamp(c.created_at)},
                   {"updated_at", FormatTimestamp(c.updated_at)},
                   {"documents", documents}};
  if (const domain::CertificateKind* kind = domain::CertificateKinds::Builtin().Find(c.kind)) out["family"] = kind->family;
  const std::optional<int> left = c.DaysLeft(today);
  out["days_left"] = left ? json::value(*left) : json::value(nullptr);
  const std::vector<std::string> holds = domain::CertificateCountries(c);
  out["holds_in"] = json::array(holds.begin(), holds.end());
  if (c.verification) {
    // The verifying organisation (or the platform), never a person's account.
    out["verified"] = json::object{{"by", c.verification->verifier_organization_id.empty() ? "platform" : "association"},
                                   {"organization", c.verification->verifier_organization_id},
                                   {"at", FormatTimestamp(c.verification->verified_at)},
                                   {"method", c.verification->method},
                                   {"note", c.verification->note}};
  } else {
    out["verified"] = nullptr;
  }
  return out;
}

}  // namespace

void Api::AddCertificateRoutes() {
  service::CertificateService& certificates = services_.certificates;
  service::DocumentService& documents = services_.documents;
  const Clock& clock = services_.clock;
  // The view, with the scans `c.principal` may read.
  auto view = [&documents, &clock](RequestContext& c, const domain::Certificate& certificate) -> Result<json::object> {
    BB_ASSIGN_OR_RETURN(auto scans, documents.List(c.principal, "certificate", certificate.id));
    json::array docs;
    for (const domain::Document& d : scans) docs.push_back(View(d));
    return CertificateView(certificate, DateOf(clock.Now()), docs);
  };

  router_.Add({"GET", "/api/organizations/{id}/certificates", {},
               [&certificates, view](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(auto list, certificates.List(c.principal, c.PathParam("id")));
                 json::array items;
                 for (const domain::Certificate& certificate : list) {
                   BB_ASSIGN_OR_RETURN(json::object item, view(c, certificate));
                   items.push_back(std::move(item));
                 }
                 return JsonResponse(200, json::object{{"items", std::move(items)}});
               }});
  router_.Add({"POST", "/api/organizations/{id}/certificates", {},
               [&certificates, view](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(json::object body, c.JsonBody());
                 BB_ASSIGN_OR_RETURN(auto created, certificates.Create(c.principal, c.PathParam("id"), body));
                 BB_ASSIGN_OR_RETURN(json::object out, view(c, created));
                 return CreatedResponse(out, "/api/certificates/" + created.id);
               }});
  router_.Add({"GET", "/api/certificates/{id}", {}, [&certificates, view](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(auto found, certificates.Get(c.principal, c.PathParam("id")));
                 BB_ASSIGN_OR_RETURN(json::object out, view(c, found));
                 return JsonResponse(200, out);
               }});
  router_.Add({"PATCH", "/api/certificates/{id}", {}, [&certificates, view](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(const std::int64_t version, RequiredBodyVersion(c, "the certificate"));
                 BB_ASSIGN_OR_RETURN(json::object body, c.JsonBody());
                 BB_ASSIGN_OR_RETURN(auto updated, certificates.Update(c.principal, c.PathParam("id"), version, body));
                 BB_ASSIGN_OR_RETURN(json::object out, view(c, updated));
                 return JsonResponse(200, out);
               }});
  router_.Add({"DELETE", "/api/certificates/{id}", {"version"}, [&certificates](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(const std::int64_t version, c.QueryInt("version", 0));
                 BB_RETURN_IF_ERROR(certificates.Delete(c.principal, c.PathParam("id"), version));
                 return NoContent();
               }});
  router_.Add({"POST", "/api/certificates/{id}/verification", {},
               [&certificates, view](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(json::object body, c.JsonBody());
                 BB_ASSIGN_OR_RETURN(auto verified, certificates.Verify(c.principal, c.PathParam("id"), body));
                 BB_ASSIGN_OR_RETURN(json::object out, view(c, verified));
                 return JsonResponse(200, out);
               }});
  router_.Add({"DELETE", "/api/certificates/{id}/verification", {},
               [&certificates, view](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(auto withdrawn, certificates.WithdrawVerification(c.principal, c.PathParam("id")));
                 BB_ASSIGN_OR_RETURN(json::object out, view(c, withdrawn));
                 return JsonResponse(200, out);
               }});
  for (const bool grant : {true, false}) {
    router_.Add({grant ? "PUT" : "DELETE", "/api/organizations/{id}/accreditation", {},
                 [&certificates, grant](RequestContext& c) -> Result<HttpResponse> {
                   BB_RETURN_IF_ERROR(certificates.SetAccreditation(c.principal, c.PathParam("id"), grant));
                   return JsonResponse(200, json::object{{"organization", c.PathParam("id")}, {"accredited", grant}});
                 }});
  }
  router_.Add({"GET", "/api/organizations/{id}/accreditation", {},
               [&certificates](RequestContext& c) -> Result<HttpResponse> {
                 BB_ASSIGN_OR_RETURN(const bool accredited, certificates.IsAccredited(c.PathParam("id")));
                 return JsonResponse(200, json::object{{"organization", c.PathParam("id")}, {"accredited", accredited}});
               }});
}

}  // namespace biobridge::api
