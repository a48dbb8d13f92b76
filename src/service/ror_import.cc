// Interchange::ImportRorCsv: organisations from ROR's registry (CSV).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <charconv>
#include <map>

#include "base/csv.h"
#include "base/strings.h"
#include "domain/validation.h"
#include "service/authorization.h"
#include "service/directory_service.h"
#include "service/import_batch.h"
#include "service/interchange.h"
#include "storage/store.h"

namespace biobridge::service {
namespace {

constexpr std::string_view kRequiredColumns[] = {"ror_id", "name", "country_code"};

// ROR organisation types, most specific first, and the kind each maps to.
// ROR's own list stays in the record as "ror_types".
constexpr std::pair<std::string_view, std::string_view> kKinds[] = {
    {"company", "company"},        {"healthcare", "hospital"},      {"education", "university"},
    {"facility", "research_institute"}, {"government", "government"}, {"nonprofit", "other"},
    {"funder", "other"},           {"archive", "other"},            {"other", "other"},
};

class RorRow {
 public:
  RorRow(const std::map<std::string, std::size_t, std::less<>>& columns, const std::vector<std::string>& fields)
      : columns_(columns), fields_(fields) {}

  std::string_view Get(std::string_view column) const {
    auto it = columns_.find(column);
    return it == columns_.end() || it->second >= fields_.size() ? std::string_view() : fields_[it->second];
  }

 private:
  const std::map<std::string, std::size_t, std::less<>>& columns_;
  const std::vector<std::string>& fields_;
};

json::array ToArray(const std::vector<std::string>& values) { return json::array(values.begin(), values.end()); }

Result<domain::Organization> OrganizationFromRor(const RorRow& row, const domain::Taxonomies& taxonomies) {
  domain::Organization o;
  const std::string ror_id = Trim(row.Get("ror_id"));
  if (ror_id.empty()) return InvalidArgumentError("ror_id", "the ROR id is empty");
  o.id = "ror:" + ror_id;
  BB_RETURN_IF_ERROR(domain::ValidateRecordId(o.id, "ror_id"));

  const std::string display = Trim(row.Get("name"));
  if (!display.empty()) o.name.Set("en", display);
  // Further names in a language become aliases: one variant per language.
  std::vector<std::string> aliases = SplitTrimmed(row.Get("aliases"), '|');
  auto add_names = [&](std::string language, std::vector<std::string> names) {
    for (std::string& name : names) {
      if (!o.name.Find(language)) {
        o.name.Set(language, std::move(name));
      } else {
        aliases.push_back(std::move(name));
      }
    }
  };
  add_names("zh", SplitTrimmed(row.Get("name_zh"), '|'));
  add_names("ru", SplitTrimmed(row.Get("name_ru"), '|'));
  json::object other_names;
  for (const std::string& tagged : SplitTrimmed(row.Get("names_other_lang"), '|')) {
    const auto colon = tagged.find(':');
    if (colon == std::string::npos) continue;
    std::string language = AsciiLower(Trim(std::string_view(tagged).substr(0, colon)));
    std::string name = Trim(std::string_view(tagged).substr(colon + 1));
    if (name.empty()) continue;
    if (taxonomies.languages().Contains(language)) {
      add_names(std::move(language), {std::move(name)});
    } else {
      other_names[language] = name;  // not ISO 639-1: kept as given
    }
  }

  o.country = AsciiUpper(Trim(row.Get("country_code")));
  if (const std::string city = Trim(row.Get("city")); !city.empty()) o.city.Set("en", city);

  const std::vector<std::string> types = SplitTrimmed(row.Get("types"), ';');
  o.kind = "other";
  for (const auto& [ror_type, kind] : kKinds) {
    if (std::find(types.begin(), types.end(), ror_type) != types.end()) {
      o.kind = kind;
      break;
    }
  }
  const std::string website = Trim(row.Get("website"));
  if (website.rfind("http://", 0) == 0 || website.rfind("https://", 0) == 0) o.website = website;

  o.extra["ror_id"] = ror_id;
  if (!types.empty()) o.extra["ror_types"] = ToArray(types);
  if (!aliases.empty()) o.extra["aliases"] = ToArray(aliases);
  if (auto acronyms = SplitTrimmed(row.Get("acronyms"), '|'); !acronyms.empty()) o.extra["acronyms"] = ToArray(acronyms);
  if (!other_names.empty()) o.extra["other_names"] = std::move(other_names);
  const std::string established = Trim(row.Get("established"));
  int year = 0;
  if (!established.empty() &&
      std::from_chars(established.data(), established.data() + established.size(), year).ec == std::errc()) {
    o.extra["established"] = year;
  }
  if (auto wikidata = SplitTrimmed(row.Get("wikidata"), ';'); !wikidata.empty()) o.extra["wikidata"] = ToArray(wikidata);

  BB_RETURN_IF_ERROR(domain::ValidateOrganization(o, taxonomies));
  return o;
}

}  // namespace

Result<ImportReport> Interchange::ImportRorCsv(const Principal& who, std::istream& in, const ImportOptions& options) {
  BB_RETURN_IF_ERROR(RequirePlatformAdmin(who, "import records"));
  ImportBatch batch(context_.store, {who.actor(), context_.clock.Now()}, options);
  std::map<std::string, std::size_t, std::less<>> columns;
  std::size_t column_count = 0;
  std::size_t bytes = 0;
  Status read = ReadCsv(
      in,
      [&](std::size_t row, std::vector<std::string>& fields) -> Status {
        if (row == 1) {
          for (std::size_t i = 0; i < fields.size(); ++i) columns[Trim(fields[i])] = i;
          std::vector<std::string_view> missing;
          for (std::string_view required : kRequiredColumns) {
            if (!columns.count(required)) missing.push_back(required);
          }
          if (!missing.empty()) {
            return MalformedError(fmt::format("the header lacks the column{} {}; is this ROR's CSV?",
                                              missing.size() > 1 ? "s" : "", fmt::join(missing, ", ")));
          }
          column_count = fields.size();  // a good header: rows may follow
          return Status::Ok();
        }
        if (fields.size() == 1 && Trim(fields[0]).empty()) return Status::Ok();  // blank line
        const RorRow ror(columns, fields);
        const std::string id = "ror:" + Trim(ror.Get("ror_id"));
        if (fields.size() != column_count) {
          batch.Refuse(row, id, InvalidArgumentError("", fmt::format("the row has {} fields; the header has {}",
                                                                     fields.size(), column_count)));
          return Status::Ok();
        }
        auto organization = OrganizationFromRor(ror, context_.taxonomies);
        if (!organization.ok()) {
          batch.Refuse(row, id, organization.status());
          return Status::Ok();
        }
        return batch.Add(row, std::move(organization).value(), bytes);
      },
      &bytes);
  struct SyncAtReturn {
    const ServiceContext& context;
    bool defer;
    ~SyncAtReturn() {
      if (!defer) SyncSearchIndex(context);
    }
  } sync{context_, options.defer_indexing};
  if (!read.ok()) {
    if (read.code() != StatusCode::kMalformed || column_count == 0) return read;
    // Malformed from some row on: keep the good rows before it, report the rest.
    auto report = batch.Finish(bytes);
    if (!report.ok()) return report;
    report->refused.push_back({0, "", read});
    return report;
  }
  return batch.Finish(bytes);
}

}  // namespace biobridge::service
