#include "api/public_page.h"

#include <fmt/format.h>

#include "base/strings.h"

namespace biobridge::api {
namespace {

constexpr std::string_view kLanguages[] = {"en", "zh", "ru"};

std::string_view HtmlLang(std::string_view language) { return language == "zh" ? "zh-Hans" : language; }

// Replaces the first `from` in `html` by `to`; false when there is none.
bool ReplaceFirst(std::string& html, std::string_view from, std::string_view to) {
  const std::size_t at = html.find(from);
  if (at == std::string::npos) return false;
  html.replace(at, from.size(), to);
  return true;
}

}  // namespace

std::string Summary(std::string_view text, std::size_t limit) {
  std::string out;
  std::size_t characters = 0;
  bool space = false;
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char lead = static_cast<unsigned char>(text[i]);
    const std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    const std::string_view c = text.substr(i, length);
    i += length;
    if (c == " " || c == "\n" || c == "\t" || c == "\r") {
      space = !out.empty();
      continue;
    }
    if (characters + (space ? 1 : 0) >= limit) return out + "…";
    if (space) {
      out += ' ';
      ++characters;
      space = false;
    }
    out += c;
    ++characters;
  }
  return out;
}

std::string RenderPublicPage(std::string_view index_html, const PublicPage& page, std::string_view origin) {
  std::string html(index_html);
  const std::string title = EscapeHtml(page.title);
  ReplaceFirst(html, "<html lang=\"en\">", fmt::format("<html lang=\"{}\">", HtmlLang(page.language)));
  ReplaceFirst(html, "<title>BioBridge</title>", fmt::format("<title>{} · BioBridge</title>", title));
  const std::size_t meta = html.find("<meta name=\"description\"");
  if (meta != std::string::npos) {
    const std::size_t end = html.find('>', meta);
    html.replace(meta, end - meta + 1,
                 fmt::format("<meta name=\"description\" content=\"{}\" />",
                             EscapeHtml(Summary(page.text.empty() ? page.title : page.text, 200))));
  }
  // The same record in each language, and the address without one for everyone else.
  std::string links = fmt::format("<link rel=\"canonical\" href=\"{}{}?lang={}\" />\n", origin, page.path, page.language);
  for (std::string_view language : kLanguages) {
    links += fmt::format("    <link rel=\"alternate\" hreflang=\"{}\" href=\"{}{}?lang={}\" />\n", HtmlLang(language),
                         origin, page.path, language);
  }
  links += fmt::format("    <link rel=\"alternate\" hreflang=\"x-default\" href=\"{}{}\" />\n  </head>", origin, page.path);
  ReplaceFirst(html, "</head>", links);
  std::string body = fmt::format("<article lang=\"{}\">\n<h1>{}</h1>\n", HtmlLang(page.language), title);
  if (!page.facts.empty()) {
    body += "<dl>\n";
    for (const auto& [label, value] : page.facts) {
      body += fmt::format("<dt>{}</dt><dd>{}</dd>\n", EscapeHtml(label), EscapeHtml(value));
    }
    body += "</dl>\n";
  }
  if (!page.text.empty()) body += fmt::format("<p>{}</p>\n", EscapeHtml(page.text));
  body += "</article>";
  ReplaceFirst(html, "<div id=\"app\"></div>", fmt::format("<div id=\"app\">{}</div>", body));
  return html;
}

}  // namespace biobridge::api
