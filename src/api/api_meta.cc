// Routes about the service itself: health, the OpenAPI document, the
// vocabularies. (The web UI is served outside /api/: web_ui.h.)
#include <fmt/format.h>

#include "api/api.h"

namespace biobridge::api {

void Api::AddMetaRoutes() {
  router_.Add({"GET", "/api/health", {}, [this](RequestContext&) -> Result<HttpResponse> {
                 if (options_.health_probe) {
                   Status database = options_.health_probe();
                   if (!database.ok()) return UnavailableError("the database is not answering: " + database.message());
                 }
                 // How far this node's search index is behind the database's change records.
                 Result<std::int64_t> lag = services_.search.IndexLag();
                 if (!lag.ok()) return UnavailableError("the database is not answering: " + lag.status().message());
                 return JsonResponse(200, {{"status", "ok"}, {"version", options_.version}, {"index_lag", *lag}});
               }});

  router_.Add({"GET", "/api/openapi.json", {}, [](RequestContext&) -> Result<HttpResponse> {
                 HttpResponse document;
                 document.body = OpenApiDocument();
                 return document;
               }});

  router_.Add({"GET", "/api/taxonomies", {}, [this](RequestContext&) -> Result<HttpResponse> {
                 json::array list;
                 for (const domain::Taxonomy& t : services_.taxonomies.all()) {
                   list.push_back(json::object{
                       {"name", t.name()}, {"entries", t.entries().size()}, {"source", t.source()}});
                 }
                 return JsonResponse(200, {{"taxonomies", std::move(list)}});
               }});

  router_.Add({"GET", "/api/taxonomies/{name}", {}, [this](RequestContext& c) -> Result<HttpResponse> {
                 const domain::Taxonomy* taxonomy = services_.taxonomies.Find(c.PathParam("name"));
                 if (!taxonomy) {
                   return NotFoundError(fmt::format("no taxonomy is called '{}'; GET /api/taxonomies lists them",
                                                    c.PathParam("name")));
                 }
                 return JsonResponse(200, taxonomy->ToJson());
               }});
}

}  // namespace biobridge::api
