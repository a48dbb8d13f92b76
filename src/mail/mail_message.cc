#include "mail/mail_message.h"

#include <sodium.h>

#include <array>
#include <ctime>

#include <fmt/format.h>

namespace biobridge::mail {
namespace {

constexpr std::string_view kCrlf = "\r\n";

bool IsPlainPrintable(std::string_view text) {
  for (char c : text) {
    if (c < 0x20 || c > 0x7E) return false;
  }
  return true;
}

std::string Base64(std::string_view bytes) {
  if (bytes.empty()) return "";
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.find('\0'));
  return out;
}

// Base64 in lines of 76 characters (RFC 2045).
std::string Base64Lines(std::string_view bytes) {
  const std::string encoded = Base64(bytes);
  std::string out;
  for (std::size_t i = 0; i < encoded.size(); i += 76) {
    out += encoded.substr(i, 76);
    out += kCrlf;
  }
  return out;
}

// The length of the longest prefix of `text` of at most `max` bytes that
// ends on a UTF-8 character boundary.
std::size_t Utf8Prefix(std::string_view text, std::size_t max) {
  if (text.size() <= max) return text.size();
  std::size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
  return n == 0 ? max : n;
}

std::string RfcDate(Timestamp t) {
  static constexpr std::array<const char*, 7> kDays = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::time_t seconds = ToUnixMillis(t) / 1000;
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  return fmt::format("{}, {:02} {} {} {:02}:{:02}:{:02} +0000", kDays[tm.tm_wday], tm.tm_mday, kMonths[tm.tm_mon],
                     tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

std::string Mailbox(const Address& a) {
  if (a.display_name.empty()) return fmt::format("<{}>", a.address);
  std::string name;
  if (IsPlainPrintable(a.display_name)) {
    name = "\"";
    for (char c : a.display_name) {
      if (c == '"' || c == '\\') name += '\\';
      name += c;
    }
    name += "\"";
  } else {
    name = EncodeHeaderText(a.display_name);
  }
  return fmt::format("{} <{}>", name, a.address);
}

std::string Part(std::string_view content_type, std::string_view body, std::string_view disposition = "") {
  std::string out = fmt::format("Content-Type: {}\r\nContent-Transfer-Encoding: base64\r\n", content_type);
  if (!disposition.empty()) out += fmt::format("Content-Disposition: {}\r\n", disposition);
  out += kCrlf;
  out += Base64Lines(body);
  return out;
}

std::string Multipart(std::string_view subtype, std::string_view boundary, const std::vector<std::string>& parts) {
  std::string out = fmt::format("Content-Type: multipart/{}; boundary=\"{}\"\r\n\r\n", subtype, boundary);
  for (const std::string& part : parts) {
    out += fmt::format("--{}\r\n", boundary);
    out += part;
  }
  out += fmt::format("--{}--\r\n", boundary);
  return out;
}

}  // namespace

std::string EncodeHeaderText(std::string_view text) {
  if (IsPlainPrintable(text)) return std::string(text);
  // 45 bytes make 60 base64 characters: an encoded-word of 72, under the 75 allowed.
  std::string out;
  while (!text.empty()) {
    const std::size_t n = Utf8Prefix(text, 45);
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + Base64(text.substr(0, n)) + "?=";
    text.remove_prefix(n);
  }
  return out;
}

Result<Address> ParseAddress(std::string_view text, std::string_view field) {
  const auto trim = [](std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '"')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '"')) s.remove_suffix(1);
    return s;
  };
  Address out;
  const std::size_t open = text.find('<');
  if (open == std::string_view::npos) {
    out.address = trim(text);
  } else {
    const std::size_t close = text.find('>', open);
    if (close == std::string_view::npos || trim(text.substr(close + 1)).size() > 0) {
      return InvalidArgumentError(std::string(field), fmt::format("'{}' is not Name <address> nor an address", text));
    }
    out.display_name = trim(text.substr(0, open));
    out.address = text.substr(open + 1, close - open - 1);
  }
  if (!IsPlainAddress(out.address)) {
    return InvalidArgumentError(std::string(field), fmt::format("'{}' is not a mail address", out.address));
  }
  return out;
}

bool IsPlainAddress(std::string_view address) {
  if (address.empty() || address.size() > 254) return false;
  const std::size_t at = address.find('@');
  if (at == 0 || at == std::string_view::npos || at + 1 == address.size() || address.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  for (char c : address) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7F || c == '<' || c == '>' || c == ',' || c == ';' || c == '"' || c == '\\' ||
        c == '(' || c == ')') {
      return false;
    }
  }
  return true;
}

std::string Compose(const MailMessage& m, std::string_view boundary_seed) {
  std::string out;
  out += fmt::format("Date: {}\r\n", RfcDate(m.date));
  out += fmt::format("From: {}\r\n", Mailbox(m.from));
  out += fmt::format("To: {}\r\n", Mailbox(m.to));
  out += fmt::format("Subject: {}\r\n", EncodeHeaderText(m.subject));
  out += fmt::format("Message-ID: <{}>\r\n", m.message_id);
  out += "MIME-Version: 1.0\r\n";
  out += "Auto-Submitted: auto-generated\r\n";
  for (const auto& [name, value] : m.headers) out += fmt::format("{}: {}\r\n", name, value);

  const std::string alternative_boundary = fmt::format("=_alt_{}", boundary_seed);
  std::vector<std::string> alternatives = {Part("text/plain; charset=UTF-8", m.text),
                                           Part("text/html; charset=UTF-8", m.html)};
  if (!m.calendar) {
    out += Multipart("alternative", alternative_boundary, alternatives);
    return out;
  }
  alternatives.push_back(
      Part(fmt::format("text/calendar; charset=UTF-8; method={}", m.calendar->method), m.calendar->ics));
  const std::string mixed_boundary = fmt::format("=_mix_{}", boundary_seed);
  out += Multipart("mixed", mixed_boundary,
                   {Multipart("alternative", alternative_boundary, alternatives),
                    Part(fmt::format("application/ics; name=\"{}\"", m.calendar->filename), m.calendar->ics,
                         fmt::format("attachment; filename=\"{}\"", m.calendar->filename))});
  return out;
}

}  // namespace biobridge::mail
