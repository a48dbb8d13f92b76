// A mail as BioBridge sends it, and its RFC 5322 / MIME text.
//
// Every mail has a plain-text and an HTML part (multipart/alternative); a
// meeting invitation adds an iTIP calendar part (RFC 6047: text/calendar
// with the METHOD as a parameter, in the alternative, and the same as an
// .ics attachment for programs that only read attachments). Headers that
// carry text (Subject, display names) are encoded per RFC 2047; bodies are
// UTF-8 in base64, so any language travels unchanged through any relay.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"
#include "base/time.h"

namespace biobridge::mail {

struct Address {
  std::string display_name;  // any language; may be empty
  std::string address;       // local@domain
};

struct CalendarPart {
  std::string method;    // "REQUEST", "CANCEL" (the iTIP method of the text)
  std::string ics;       // the VCALENDAR, CRLF line ends
  std::string filename;  // "invite.ics"
};

struct MailMessage {
  Address from;
  Address to;
  std::string subject;
  std::string text;  // the plain-text part
  std::string html;  // the HTML part (a whole document)
  std::optional<CalendarPart> calendar;
  std::string message_id;  // without the angle brackets: "n42.1780000000000@biobridge.example"
  Timestamp date;
  // Further headers, written as given (names and ASCII values), e.g.
  // List-Unsubscribe and List-Unsubscribe-Post.
  std::vector<std::pair<std::string, std::string>> headers;
};

// "=?UTF-8?B?...?=" encoded-words (RFC 2047) for `text` when it is not
// plain printable ASCII, folded so that no line exceeds 76 characters; the
// text itself when it is.
std::string EncodeHeaderText(std::string_view text);

// The mail as sent: headers and the MIME body, CRLF line ends. `boundary_seed`
// makes the MIME boundaries (distinct per mail; any text).
std::string Compose(const MailMessage& message, std::string_view boundary_seed);

// "Name <local@domain>" or "local@domain"; kInvalidArgument (`field`) for
// anything else.
Result<Address> ParseAddress(std::string_view text, std::string_view field);

// Whether `address` is a plausible mailbox (local@domain, no spaces, angle
// brackets or control characters): what may go into a header or an SMTP
// command without changing its meaning.
bool IsPlainAddress(std::string_view address);

}  // namespace biobridge::mail
