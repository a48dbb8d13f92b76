// CountryService: what BioBridge knows of a country — its regulatory profile
// (domain/regulatory_profile.h: the shipped one, or a newer one operators
// imported) and the platform's own activity there — and the import and
// export of profiles.
//
// Who: anyone reads a country and exports the profiles; a platform admin
// imports them (all or nothing: the first bad fact is named with its path,
// "profiles[2].ich.source", and nothing is written).
//
// Activity is counted as the viewer may see it: organisations (public),
// opportunities posted from or aimed at the country at the viewer's tiers,
// and deals with a party there. Deals are private to their parties, so a
// count below kMinReportedCount — zero included — is reported as "fewer
// than" that many, and a partner country is listed only from that many deals
// on: one deal with the only organisation of a country would otherwise tell
// who is negotiating, and "fewer than 3" beside an exact 0 would still tell
// that a deal exists.
//
// Errors (beyond service/context.h's): kNotFound for a code that is no
// country; kInvalidArgument naming "countries" for a comparison of unknown or
// too many codes, or the field of an imported profile that is not a sourced
// fact (import is for platform admins: kPermissionDenied otherwise).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"
#include "service/context.h"
#include "service/principal.h"

namespace biobridge::service {

inline constexpr std::int64_t kMinReportedCount = 3;

// A count that may be withheld: nullopt means "fewer than kMinReportedCount".
struct GuardedCount {
  std::optional<std::int64_t> value;
  static GuardedCount Of(std::int64_t n) { return {n >= kMinReportedCount ? std::optional(n) : std::nullopt}; }
};

struct PartnerCountry {
  std::string country;
  GuardedCount deals;
  GuardedCount meetings;
};

struct CountryActivity {
  std::int64_t organizations = 0;
  std::int64_t opportunities_from = 0;      // posted by its organisations, visible to the viewer
  std::int64_t opportunities_targeting = 0;  // aiming at it, visible to the viewer
  GuardedCount deals;                        // with a party there
  GuardedCount agreements;                   // of those, past the confidentiality agreement
  GuardedCount meetings;                     // published partnering meetings with a delegate from there (not cancelled)
  // The other side's countries with kMinReportedCount deals or meetings or
  // more, most deals first (the rest withheld).
  std::vector<PartnerCountry> partners;
};

struct CountryView {
  std::string country;  // a country code, or EU (then no activity, and its member states)
  std::string jurisdiction;  // whose profile applies: the country, or EU
  std::optional<json::object> profile;  // nullopt: no profile yet
  std::string profile_updated_at;       // empty for the shipped one
  std::optional<CountryActivity> activity;  // nullopt for the EU as a whole
  std::vector<std::string> members;          // the EU's member states
};

class CountryService {
 public:
  explicit CountryService(const ServiceContext& context) : context_(context) {}

  // kNotFound for a code that is neither a country nor EU.
  Result<CountryView> Country(const Principal& who, std::string_view code);
  // The profile of a jurisdiction (a country code or EU), nullopt when none.
  Result<std::optional<json::object>> Profile(std::string_view jurisdiction);
  // Several countries side by side for the comparison view: each one's
  // activity (as in Country) beside the shipped indicators
  // (domain/indicators.h). `codes`: a comma-separated list of up to
  // kMaxCompared country codes; kInvalidArgument ("countries") otherwise.
  static constexpr std::size_t kMaxCompared = 12;
  Result<std::vector<CountryView>> Compare(const Principal& who, std::string_view codes);

  // Every profile as {"profiles": [...]} (the shipped set with the imported
  // ones in their place): what Import takes back.
  Result<json::object> Export();
  // body: {"profiles": [...]}; returns how many were new or changed.
  Result<int> Import(const Principal& who, const json::value& body);

 private:
  // What every country's activity is read from, counted once per request
  // (Compare shows up to kMaxCompared countries): the profiles, deals (with
  // a party there; pairs of the parties' countries, sorted) and published,
  // not cancelled partnering meetings (with a delegate there; pairs).
  struct Tallies {
    std::map<std::string, std::pair<json::object, std::string>> profiles;  // jurisdiction -> (profile, updated_at)
    std::map<std::string, std::int64_t> deals, agreements, meetings;
    std::map<std::pair<std::string, std::string>, std::int64_t> deal_pairs, meeting_pairs;
  };
  Result<Tallies> Count();
  Result<CountryView> CountryWith(const Principal& who, std::string_view code, const Tallies& tallies);

  ServiceContext context_;
};

}  // namespace biobridge::service
