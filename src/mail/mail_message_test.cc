#include "mail/mail_message.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sodium.h>

#include <sstream>

namespace biobridge::mail {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::string DecodeBase64(std::string_view text) {
  std::string out(text.size(), '\0');
  std::size_t length = 0;
  EXPECT_EQ(sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(),
                              "\r\n", &length, nullptr, sodium_base64_VARIANT_ORIGINAL),
            0);
  out.resize(length);
  return out;
}

// Undoes EncodeHeaderText: the words' texts, concatenated.
std::string DecodeHeader(const std::string& encoded) {
  std::string out;
  std::size_t at = 0;
  while ((at = encoded.find("=?UTF-8?B?", at)) != std::string::npos) {
    const std::size_t end = encoded.find("?=", at + 10);
    out += DecodeBase64(encoded.substr(at + 10, end - at - 10));
    at = end + 2;
  }
  return out;
}

TEST(MailMessageTest, HeaderTextIsEncodedInWholeCharactersAndShortLines) {
  EXPECT_EQ(EncodeHeaderText("Deal moved"), "Deal moved");
  const std::string chinese = "上海机器人 对 需要康复机器人用于临床研究 表达了合作意向，请尽快回复";
  const std::string encoded = EncodeHeaderText(chinese);
  EXPECT_EQ(DecodeHeader(encoded), chinese);
  std::istringstream lines(encoded);
  for (std::string line; std::getline(lines, line);) {
    EXPECT_LE(line.size(), 76u) << line;
    // Each word decodes to valid UTF-8 on its own: no character is split.
    const std::string word = DecodeHeader(line);
    EXPECT_FALSE(word.empty());
    EXPECT_NE(static_cast<unsigned char>(word[0]) & 0xC0, 0x80) << "a word starts inside a character";
  }
  // A line break in a subject cannot start a header of its own.
  const std::string injected = EncodeHeaderText("Hello\r\nBcc: victim@example.org");
  EXPECT_THAT(injected, Not(HasSubstr("\r\nBcc:")));
  EXPECT_EQ(DecodeHeader(injected), "Hello\r\nBcc: victim@example.org");
}

TEST(MailMessageTest, AddressesAreMailboxesOnly) {
  EXPECT_TRUE(IsPlainAddress("li.wei@robotics.cn"));
  EXPECT_TRUE(IsPlainAddress("olga+biobridge@clinic.ru"));
  for (const char* bad : {"", "no-at", "@example.org", "a@", "a@b@c", "a b@example.org", "a@example.org>",
                          "<a@example.org", "a@example.org\r\nRCPT TO:<x@y>", "a,b@example.org"}) {
    EXPECT_FALSE(IsPlainAddress(bad)) << bad;
  }
}

MailMessage Sample() {
  MailMessage m;
  m.from = {"BioBridge", "noreply@biobridge.example"};
  m.to = {"Ольга Петрова", "olga@clinic.ru"};
  m.subject = "Новое сообщение";
  m.text = "Здравствуйте!\nОткройте: https://biobridge.example/deals/deal_1\n";
  m.html = "<!doctype html><p>Здравствуйте!</p>";
  m.message_id = "n42.1780000000000@biobridge.example";
  m.date = FromUnixMillis(1'780'000'000'000);
  m.headers = {{"List-Unsubscribe", "<https://biobridge.example/unsubscribe?t=abc>"},
               {"List-Unsubscribe-Post", "List-Unsubscribe=One-Click"}};
  return m;
}

TEST(MailMessageTest, AMailHasTextAndHtmlAlternativesAndItsHeaders) {
  const std::string mail = Compose(Sample(), "b1");
  EXPECT_THAT(mail, HasSubstr("Date: Thu, 28 May 2026 20:26:40 +0000\r\n"));
  EXPECT_THAT(mail, HasSubstr("From: \"BioBridge\" <noreply@biobridge.example>\r\n"));
  EXPECT_THAT(mail, HasSubstr("To: =?UTF-8?B?"));
  EXPECT_THAT(mail, HasSubstr("<olga@clinic.ru>\r\n"));
  EXPECT_THAT(mail, HasSubstr("Message-ID: <n42.1780000000000@biobridge.example>\r\n"));
  EXPECT_THAT(mail, HasSubstr("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"));
  EXPECT_THAT(mail, HasSubstr("Content-Type: multipart/alternative; boundary=\"=_alt_b1\""));
  EXPECT_THAT(mail, HasSubstr("Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64"));
  EXPECT_THAT(mail, HasSubstr("Content-Type: text/html; charset=UTF-8"));
  EXPECT_THAT(mail, HasSubstr("--=_alt_b1--\r\n"));
  EXPECT_THAT(mail, Not(HasSubstr("text/calendar")));
  // Every line is CRLF-terminated and short.
  for (std::size_t at = 0, next; (next = mail.find("\r\n", at)) != std::string::npos; at = next + 2) {
    EXPECT_LE(next - at, 998u);
    EXPECT_EQ(mail.substr(at, next - at).find('\n'), std::string::npos);
  }
}

TEST(MailMessageTest, AMeetingInvitationCarriesItsCalendarInlineAndAttached) {
  MailMessage m = Sample();
  m.calendar = CalendarPart{"REQUEST", "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n", "invite.ics"};
  const std::string mail = Compose(m, "b2");
  EXPECT_THAT(mail, HasSubstr("Content-Type: multipart/mixed; boundary=\"=_mix_b2\""));
  EXPECT_THAT(mail, HasSubstr("Content-Type: text/calendar; charset=UTF-8; method=REQUEST\r\n"));
  EXPECT_THAT(mail, HasSubstr("Content-Disposition: attachment; filename=\"invite.ics\""));
  EXPECT_THAT(mail, HasSubstr("--=_mix_b2--\r\n"));
}

}  // namespace
}  // namespace biobridge::mail
