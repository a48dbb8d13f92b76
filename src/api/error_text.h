// Error messages in the reader's language.
//
// The services say what went wrong in English, formatted from templates
// such as "is {} characters long; the limit is {}". At the edge an answer's
// message is told in the request's language (ErrorLanguage) when the
// catalogue (error_text.cc) has its template: the message is matched
// against the English template, and the values it carries are put into
// the Chinese or Russian sentence. The code and the field never change;
// the answer says which language its message is in, and a message the
// catalogue does not know stays English whole (never half-translated: a
// value that is itself prose, such as what the caller tried to do, must be
// in the catalogue's phrases too, or the English stands).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace biobridge::api {

// "en", "zh" or "ru": the first of them an Accept-Language header names
// (zh-TW and zh-HK read Chinese; kk, uz, ky, tg, tk, be, hy, az, ka and
// ro-MD read Russian, as the web UI decides), else the account's preferred
// language, else English.
std::string ErrorLanguage(std::string_view accept_language, std::string_view account_language);

// `message` told in `language`, or nothing when the catalogue does not know
// it (or the language is English).
std::optional<std::string> TranslateErrorMessage(std::string_view message, std::string_view language);

// The catalogue, for the tests: each English template ("{}" a value kept
// as it is, "{~}" a phrase that must itself translate) and its Chinese and
// Russian forms ("{0}", "{1}", ... the values in the English order).
struct ErrorTemplate {
  std::string_view en;
  std::string_view zh;
  std::string_view ru;
};
const std::vector<ErrorTemplate>& ErrorCatalogue();

}  // namespace biobridge::api
