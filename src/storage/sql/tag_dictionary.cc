#include "storage/sql/tag_dictionary.h"

#include "domain/taxonomy.h"

namespace biobridge::storage::sql {
namespace {

// Which vocabulary each facet of the code tables draws from.
constexpr std::pair<std::string_view, std::string_view> kFacets[] = {
    {"area", "therapeutic_areas"}, {"modality", "modalities"},      {"market", "countries"},
    {"cooperation", "cooperation_types"}, {"target", "countries"},
};

}  // namespace

Status TagDictionary::Load(Connection& writer) {
  {
    BB_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(writer));
    const domain::Taxonomies& taxonomies = domain::Taxonomies::Builtin();
    for (const auto& [facet, taxonomy] : kFacets) {
      for (const domain::TaxonomyEntry& entry : taxonomies.Find(taxonomy)->entries()) {
        BB_ASSIGN_OR_RETURN(Statement insert, writer.Prepare("INSERT INTO tags (facet, code) VALUES (?, ?) ON CONFLICT DO NOTHING"));
        BB_RETURN_IF_ERROR(insert.Bind(1, facet).Bind(2, entry.code).Run());
      }
    }
    BB_RETURN_IF_ERROR(tx.Commit());
  }
  BB_ASSIGN_OR_RETURN(Statement all, writer.Prepare("SELECT id, facet, code FROM tags"));
  while (true) {
    BB_ASSIGN_OR_RETURN(bool row, all.Step());
    if (!row) break;
    loaded_[std::string(all.Text(1))].emplace(std::string(all.Text(2)), all.Int(0));
  }
  return Status::Ok();
}

Result<std::optional<std::int64_t>> TagDictionary::Find(Connection& c, std::string_view facet,
                                                        std::string_view code) const {
  if (auto by_facet = loaded_.find(facet); by_facet != loaded_.end()) {
    if (auto it = by_facet->second.find(code); it != by_facet->second.end()) return std::optional(it->second);
  }
  BB_ASSIGN_OR_RETURN(Statement stmt, c.Prepare("SELECT id FROM tags WHERE facet = ? AND code = ?"));
  BB_ASSIGN_OR_RETURN(bool found, stmt.Bind(1, facet).Bind(2, code).Step());
  if (!found) return std::optional<std::int64_t>();
  return std::optional(stmt.Int(0));
}

Result<std::int64_t> TagDictionary::FindOrCreate(Connection& writer, std::string_view facet,
                                                 std::string_view code) const {
  BB_ASSIGN_OR_RETURN(std::optional<std::int64_t> id, Find(writer, facet, code));
  if (id) return *id;
  BB_ASSIGN_OR_RETURN(Statement insert, writer.Prepare("INSERT INTO tags (facet, code) VALUES (?, ?) RETURNING id"));
  return insert.Bind(1, facet).Bind(2, code).RunReturning();
}

}  // namespace biobridge::storage::sql
