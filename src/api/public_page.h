// Public pages for readers without JavaScript — search engines above all
// (Baidu, Yandex, Google): an organisation or opportunity page that a visitor
// may see is sent with its content in the HTML (a title, a description, the
// record's facts and text) and with its addresses in the other languages
// (hreflang alternates), instead of an empty index.html. The web UI's script
// replaces that content with the live page when it runs.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace biobridge::api {

struct PublicPage {
  std::string language;  // en, zh or ru: the page's, and <html lang>
  std::string title;     // the record's name: <title> and <h1>
  std::string text;      // the record's description
  std::vector<std::pair<std::string, std::string>> facts;  // label, value
  std::string path;      // "/organizations/org-1", without ?lang
};

// `index_html` (the built web UI's) with the page in it. `origin` is where
// BioBridge is reached ("https://exchange.example.org"), for the canonical
// and alternate addresses; every text is HTML-escaped.
std::string RenderPublicPage(std::string_view index_html, const PublicPage& page, std::string_view origin);

// At most `limit` characters of `text` (whole code points, whitespace folded),
// with "…" when it was cut: a meta description.
std::string Summary(std::string_view text, std::size_t limit);

}  // namespace biobridge::api
