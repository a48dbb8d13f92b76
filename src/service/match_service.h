// MatchService: complementary partners for one viewer, from an opportunity,
// an organisation or a need written as text (match/matcher.h), with each
// reason written in the viewer's language.
//
// The source must be visible to the viewer (else kNotFound, as for reading
// it), and candidates are limited to what the viewer may see.
//
// Errors (beyond service/context.h's): kNotFound for a source the viewer may
// not see; kInvalidArgument naming the parameter (top, text: empty, not
// UTF-8 or too long).
#pragma once

#include <string>
#include <vector>

#include "match/matcher.h"
#include "service/context.h"
#include "service/principal.h"
#include "service/search_service.h"

namespace biobridge::service {

struct MatchParams {
  std::string lang;  // the viewer's language; empty: the source's
  std::string type;  // "organization", "opportunity" or empty (both)
  int top = 10;
  // Not empty: candidates of these organisations only (match/matcher.h).
  std::vector<std::string> among_organizations;
  // Not empty: candidates based there / of these organisation kinds only.
  std::string country;
  std::vector<std::string> kinds;
};

struct MatchReason {
  std::string code;
  std::string text;  // in the viewer's language
  double contribution = 0;
  std::vector<std::string> items;
};

struct MatchItem {
  RecordSummary record;
  double score = 0;
  std::vector<MatchReason> reasons;
};

struct MatchResult {
  std::string language;
  RecordSummary source;  // empty id for a text need
  std::vector<MatchItem> items;  // best first
  // Posts on the source's own side — asking for the same kind of
  // cooperation — shown apart: competitors, not partners (match::Candidate).
  std::vector<MatchItem> others_looking;
};

class MatchService {
 public:
  explicit MatchService(const ServiceContext& context);

  Result<MatchResult> ForOpportunity(const Principal& who, std::string_view id, const MatchParams& params) const;
  Result<MatchResult> ForOrganization(const Principal& who, std::string_view id, const MatchParams& params) const;
  // kInvalidArgument "text" when empty, longer than kMaxTextCharacters, or
  // without words.
  Result<MatchResult> ForText(const Principal& who, std::string_view text, const MatchParams& params) const;

  static constexpr int kMaxTop = 50;
  static constexpr std::size_t kMaxTextCharacters = 4000;

 private:
  Result<match::MatchOptions> Options(const Principal& who, const MatchParams& params) const;
  // Reasons worded for `addressee` (match::Addressee).
  Result<MatchResult> Present(Result<std::vector<match::Candidate>> candidates, std::string language,
                              match::Addressee addressee) const;

  ServiceContext context_;
  match::Matcher matcher_;
};

}  // namespace biobridge::service
