// Routes about the service itself: health, the OpenAPI document, the
// vocabularies, and a small index page at /.
#include <fmt/format.h>

#include "api/api.h"

namespace biobridge::api {

namespace {

constexpr std::string_view kIndexPage = R"(<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>BioBridge</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:42rem;margin:3rem auto;padding:0 1rem;color:#1a1a1a}
a{color:#0b57d0}code{background:#f1f3f4;padding:0 .25rem}</style></head>
<body><h1>BioBridge</h1>
<p>Cross-border biomedical cooperation exchange &middot; 跨境生物医药合作平台 &middot; трансграничная биомедицинская кооперация</p>
<p>The JSON API is running:</p>
<ul>
<li><a href="/api/organizations">/api/organizations</a> &mdash; the directory</li>
<li><a href="/api/opportunities">/api/opportunities</a> &mdash; offers and requests</li>
<li><a href="/api/taxonomies">/api/taxonomies</a> &mdash; the vocabularies in English, Chinese and Russian</li>
<li><a href="/api/openapi.json">/api/openapi.json</a> &mdash; the OpenAPI 3 description of every route</li>
<li><a href="/api/health">/api/health</a></li>
</ul>
<p>Sign in with <code>POST /api/auth/signin</code>; the README has a five-minute tour.</p>
</body></html>
)";

}  // namespace

void Api::AddMetaRoutes() {
  router_.Add({"GET", "/", {}, [](RequestContext&) -> Result<HttpResponse> {
                 HttpResponse page;
                 page.content_type = "text/html; charset=utf-8";
                 page.body = kIndexPage;
                 return page;
               }});

  router_.Add({"GET", "/api/health", {}, [this](RequestContext&) -> Result<HttpResponse> {
                 if (options_.health_probe) {
                   Status database = options_.health_probe();
                   if (!database.ok()) return UnavailableError("the database is not answering: " + database.message());
                 }
                 return JsonResponse(200, {{"status", "ok"}, {"version", options_.version}});
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
