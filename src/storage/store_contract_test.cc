#include "storage/store_contract_test.h"

#include <fmt/format.h>

#include <atomic>
#include <set>
#include <thread>

#include "domain/codec.h"

namespace biobridge::storage {
namespace {

using domain::Membership;
using domain::MembershipRole;
using domain::Opportunity;
using domain::Organization;
using domain::User;

const Timestamp kT0 = FromUnixMillis(1'780'000'000'000);  // 2026-05-28

WriteContext At(int seconds, std::string actor = "user_alice") {
  return WriteContext{std::move(actor), kT0 + std::chrono::seconds(seconds)};
}

Organization Org(std::string id, std::string name, std::string country = "CN", std::string kind = "company") {
  Organization o;
  o.id = std::move(id);
  o.name = {{"en", name}, {"zh", name + "（中文）"}};
  o.kind = std::move(kind);
  o.country = std::move(country);
  o.therapeutic_areas = {"oncology"};
  return o;
}

Opportunity Opp(std::string id, std::string organization_id, std::string direction = "offer") {
  Opportunity o;
  o.id = std::move(id);
  o.organization_id = std::move(organization_id);
  o.direction = std::move(direction);
  o.cooperation = {"licensing_out"};
  o.title = {{"en", "Title of " + o.id}};
  o.stage = "preclinical";
  return o;
}

User Person(std::string id, std::string email) {
  User u;
  u.id = std::move(id);
  u.email = std::move(email);
  u.display_name = "Person " + u.id;
  return u;
}

std::vector<std::string> Ids(const auto& items) {
  std::vector<std::string> ids;
  for (const auto& item : items) ids.push_back(item.id);
  return ids;
}

TEST_P(StoreContractTest, CreateThenGetGivesBackTheRecordWithVersionOne) {
  Organization org = Org("org-1", "Neva Clinics", "RU", "hospital");
  org.certifications = {{"ISO 9001", Date{2027, 5, 1}}};
  org.extra["beds"] = 420;  // unknown fields survive storage
  auto created = store_->CreateOrganization(org, At(0));
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_EQ(created->meta.version, 1);
  EXPECT_EQ(created->meta.created_at, At(0).at);
  EXPECT_EQ(created->meta.updated_at, At(0).at);

  auto got = store_->GetOrganization("org-1");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(*got, *created);
  EXPECT_EQ(got->extra.at("beds").as_int64(), 420);
  EXPECT_EQ(store_->GetOrganization("nope").status().code(), StatusCode::kNotFound);
}

TEST_P(StoreContractTest, ManyOrganisationsAreReadAtOnceInTheOrderAsked) {
  ASSERT_TRUE(store_->CreateOrganization(Org("org-a", "Alpha", "CN", "company"), At(0)).ok());
  ASSERT_TRUE(store_->CreateOrganization(Org("org-b", "Beta", "RU", "hospital"), At(0)).ok());
  auto got = store_->GetOrganizations({"org-b", "nope", "org-a"});
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  ASSERT_EQ(got->size(), 2u) << "those that exist";
  EXPECT_EQ((*got)[0], *store_->GetOrganization("org-b"));
  EXPECT_EQ((*got)[1].id, "org-a");
  EXPECT_TRUE(store_->GetOrganizations({})->empty());
}

TEST_P(StoreContractTest, DuplicateIdsAreRefused) {
  ASSERT_TRUE(store_->CreateOrganization(Org("org-1", "A"), At(0)).ok());
  auto again = store_->CreateOrganization(Org("org-1", "B"), At(1));
  EXPECT_EQ(again.status().code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(again.status().field(), "id");
  EXPECT_EQ(*store_->GetOrganization("org-1")->name.Find("en"), "A");
}

TEST_P(StoreContractTest, UpdatesAreVersionedAndStaleOnesRefused) {
  auto v1 = store_->CreateOrganization(Org("org-1", "Old name"), At(0));
  ASSERT_TRUE(v1.ok());
  Organization change = *v1;
  change.name.Set("en", "New name");
  auto v2 = store_->UpdateOrganization(change, At(10));
  ASSERT_TRUE(v2.ok()) << v2.status().ToString();
  EXPECT_EQ(v2->meta.version, 2);
  EXPECT_EQ(v2->meta.created_at, At(0).at);
  EXPECT_EQ(v2->meta.updated_at, At(10).at);

  // A second writer still holding version 1 loses, and changes nothing.
  Organization stale = *v1;
  stale.city = {{"en", "Elsewhere"}};
  auto refused = store_->UpdateOrganization(stale, At(20));
  EXPECT_EQ(refused.status().code(), StatusCode::kAborted);
  auto now = store_->GetOrganization("org-1");
  EXPECT_EQ(now->meta.version, 2);
  EXPECT_TRUE(now->city.empty());

  Organization missing = Org("org-404", "X");
  missing.meta.version = 1;
  EXPECT_EQ(store_->UpdateOrganization(missing, At(30)).status().code(), StatusCode::kNotFound);
}

TEST_P(StoreContractTest, AnUpdateThatChangesNothingKeepsTheVersion) {
  auto v1 = store_->CreateOrganization(Org("org-1", "Same"), At(0));
  ASSERT_TRUE(v1.ok());
  auto same = store_->UpdateOrganization(*v1, At(5));
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(same->meta.version, 1);
  EXPECT_EQ(store_->ListAudit("organization", "org-1")->size(), 1u);
}

TEST_P(StoreContractTest, EveryWriteLeavesAnAuditAndAChangeRecord) {
  auto created = store_->CreateOrganization(Org("org-1", "Before"), At(0, "user_a"));
  ASSERT_TRUE(created.ok());
  Organization change = *created;
  change.name.Set("en", "After");
  change.country = "RU";
  ASSERT_TRUE(store_->UpdateOrganization(change, At(1, "user_b")).ok());
  ASSERT_TRUE(store_->DeleteOrganization("org-1", 2, At(2, "user_c")).ok());

  auto audit = store_->ListAudit("organization", "org-1");
  ASSERT_TRUE(audit.ok());
  ASSERT_EQ(audit->size(), 3u);
  EXPECT_EQ((*audit)[0].action, "create");
  EXPECT_EQ((*audit)[0].actor, "user_a");
  EXPECT_EQ((*audit)[0].at, At(0).at);
  EXPECT_EQ((*audit)[1].action, "update");
  EXPECT_EQ((*audit)[1].actor, "user_b");
  EXPECT_EQ((*audit)[1].at, At(1).at);
  // Only what changed, with both sides.
  EXPECT_EQ((*audit)[1].changes.size(), 2u);
  EXPECT_EQ((*audit)[1].changes.at("country").at("before"), "CN");
  EXPECT_EQ((*audit)[1].changes.at("country").at("after"), "RU");
  // A delete keeps the deleted record in the audit log.
  EXPECT_EQ((*audit)[2].action, "delete");
  EXPECT_EQ((*audit)[2].changes.at("name").at("before").at("en"), "After");
  EXPECT_FALSE((*audit)[2].changes.at("name").as_object().contains("after"));

  auto changes = store_->ListChanges(0, 100);
  ASSERT_TRUE(changes.ok());
  ASSERT_EQ(changes->size(), 3u);
  EXPECT_EQ((*changes)[0].operation, "upsert");
  EXPECT_EQ((*changes)[1].version, 2);
  EXPECT_EQ((*changes)[2].operation, "delete");
  EXPECT_LT((*changes)[0].seq, (*changes)[1].seq);
  EXPECT_LT((*changes)[1].seq, (*changes)[2].seq);
  EXPECT_EQ(store_->ListChanges((*changes)[1].seq, 100)->size(), 1u);
  EXPECT_EQ(*store_->LatestChangeSeq(), (*changes)[2].seq);
}

// The audit log keeps every version: walking it back from the current record
// (or from a delete's copy) gives each earlier version exactly.
TEST_P(StoreContractTest, EveryVersionCanBeRebuiltFromTheAuditLog) {
  Organization v1 = Org("org-1", "First name", "CN");
  v1.city = {{"en", "Hangzhou"}};
  ASSERT_TRUE(store_->CreateOrganization(v1, At(0)).ok());
  Organization v2 = *store_->GetOrganization("org-1");
  v2.name.Set("en", "Second name");
  v2.city = {};
  v2.modalities = {"bioprocess_equipment"};
  ASSERT_TRUE(store_->UpdateOrganization(v2, At(1)).ok());
  Organization v3 = *store_->GetOrganization("org-1");
  v3.country = "RU";
  ASSERT_TRUE(store_->UpdateOrganization(v3, At(2)).ok());
  const json::object expected_v1 = domain::ToJson(v1);
  ASSERT_TRUE(store_->DeleteOrganization("org-1", 3, At(3)).ok());

  auto audit = store_->ListAudit("organization", "org-1");
  ASSERT_EQ(audit->size(), 4u);
  json::object doc;
  for (auto it = audit->rbegin(); it != audit->rend(); ++it) {
    for (const auto& [field, change] : it->changes) {
      const json::object& c = change.as_object();
      if (c.contains("before")) doc[field] = c.at("before"); else doc.erase(field);
    }
  }
  EXPECT_EQ(json::value(doc), json::value(expected_v1));
}

TEST_P(StoreContractTest, AFailedWriteLeavesNoTrace) {
  ASSERT_TRUE(store_->CreateOrganization(Org("org-1", "A"), At(0)).ok());
  const auto audit_before = store_->ListAudit("organization", "org-1")->size();
  const auto changes_before = store_->ListChanges(0, 1000)->size();
  Organization stale = Org("org-1", "B");
  stale.meta.version = 7;
  EXPECT_FALSE(store_->UpdateOrganization(stale, At(1)).ok());
  EXPECT_FALSE(store_->CreateOpportunity(Opp("opp-1", "org-missing"), At(2)).ok());
  EXPECT_EQ(store_->ListAudit("organization", "org-1")->size(), audit_before);
  EXPECT_EQ(store_->ListChanges(0, 1000)->size(), changes_before);
  EXPECT_EQ(store_->GetOpportunity("opp-1").status().code(), StatusCode::kNotFound);
}

TEST_P(StoreContractTest, OpportunitiesNeedTheirOrganisation) {
  auto orphan = store_->CreateOpportunity(Opp("opp-1", "org-missing"), At(0));
  EXPECT_EQ(orphan.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(orphan.status().field(), "organization");

  ASSERT_TRUE(store_->CreateOrganization(Org("org-1", "A"), At(0)).ok());
  auto opp = store_->CreateOpportunity(Opp("opp-1", "org-1"), At(1));
  ASSERT_TRUE(opp.ok()) << opp.status().ToString();
  Opportunity moved = *opp;
  moved.organization_id = "org-missing";
  EXPECT_EQ(store_->UpdateOpportunity(moved, At(2)).status().field(), "organization");
}

TEST_P(StoreContractTest, AnOrganisationWithOpportunitiesCannotBeDeleted) {
  ASSERT_TRUE(store_->CreateOrganization(Org("org-1", "A"), At(0)).ok());
  ASSERT_TRUE(store_->CreateOpportunity(Opp("opp-1", "org-1"), At(1)).ok());
  Status refused = store_->DeleteOrganization("org-1", 0, At(2));
  EXPECT_EQ(refused.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(refused.message().find("1 opportunity"), std::string::npos) << refused.message();
  EXPECT_TRUE(store_->GetOrganization("org-1").ok());

  EXPECT_EQ(store_->DeleteOpportunity("opp-1", 5, At(3)).code(), StatusCode::kAborted);
  ASSERT_TRUE(store_->DeleteOpportunity("opp-1", 1, At(3)).ok());
  ASSERT_TRUE(store_->DeleteOrganization("org-1", 1, At(4)).ok());
  EXPECT_EQ(store_->GetOrganization("org-1").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->DeleteOrganization("org-1", 0, At(5)).code(), StatusCode::kNotFound);
}

TEST_P(StoreContractTest, ListsOrganisationsByFilterInNameOrder) {
  Organization a = Org("o-a", "Beta Pharma", "CN", "company");
  a.modalities = {"monoclonal_antibody"};
  Organization b = Org("o-b", "alpha Hospital", "RU", "hospital");
  b.therapeutic_areas = {"neurology", "rehabilitation"};
  Organization c = Org("o-c", "Gamma Devices", "CN", "company");
  c.therapeutic_areas = {"rehabilitation"};
  for (const auto& o : {a, b, c}) ASSERT_TRUE(store_->CreateOrganization(o, At(0)).ok());

  auto all = store_->ListOrganizations({}, {1, 20});
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->total, 3);
  EXPECT_EQ(Ids(all->items), (std::vector<std::string>{"o-b", "o-a", "o-c"}));  // case-insensitive name order

  EXPECT_EQ(Ids(store_->ListOrganizations({.country = "CN"}, {})->items), (std::vector<std::string>{"o-a", "o-c"}));
  EXPECT_EQ(Ids(store_->ListOrganizations({.kind = "hospital"}, {})->items), (std::vector<std::string>{"o-b"}));
  EXPECT_EQ(Ids(store_->ListOrganizations({.therapeutic_area = "rehabilitation"}, {})->items),
            (std::vector<std::string>{"o-b", "o-c"}));
  EXPECT_EQ(Ids(store_->ListOrganizations({.country = "CN", .therapeutic_area = "rehabilitation"}, {})->items),
            (std::vector<std::string>{"o-c"}));
  EXPECT_EQ(Ids(store_->ListOrganizations({.modality = "monoclonal_antibody"}, {})->items),
            (std::vector<std::string>{"o-a"}));
  EXPECT_EQ(store_->ListOrganizations({.country = "DE"}, {})->total, 0);

  auto page2 = store_->ListOrganizations({}, {2, 2});
  EXPECT_EQ(page2->total, 3);
  EXPECT_EQ(page2->page, 2);
  EXPECT_EQ(Ids(page2->items), (std::vector<std::string>{"o-c"}));
  EXPECT_TRUE(store_->ListOrganizations({}, {5, 2})->items.empty());
}

// A list, read again and again, follows every write that changes it: a new
// record, a record moved out of the filter, a renamed one, a delete, a tag
// taken away (the store may remember totals and pages between writes).
TEST_P(StoreContractTest, AListFollowsEveryWriteThatChangesIt) {
  ASSERT_TRUE(store_->CreateOrganization(Org("o-a", "Alpha Clinic", "RU", "hospital"), At(0)).ok());  // oncology
  const auto total = [&](const OrganizationFilter& filter) {
    for (int i = 0; i < 2; ++i) EXPECT_TRUE(store_->ListOrganizations(filter, {1, 1}).ok());  // counted, then known
    Result<Page<Organization>> page = store_->ListOrganizations(filter, {1, 1});
    return page.ok() ? page->total : -1;
  };
  const OrganizationFilter ru_hospitals{.country = "RU", .kind = "hospital"};
  const OrganizationFilter oncology{.therapeutic_area = "oncology"};
  EXPECT_EQ(total(ru_hospitals), 1);
  EXPECT_EQ(total(oncology), 1);
  Organization b = Org("o-b", "Beta Clinic", "RU", "hospital");
  b.therapeutic_areas = {"cardiology"};
  ASSERT_TRUE(store_->CreateOrganization(b, At(1)).ok());
  EXPECT_EQ(total(ru_hospitals), 2);
  EXPECT_EQ(total(oncology), 1);
  // The page as stored, read three times (read, then remembered), each the same.
  const auto stored_page = [&](const OrganizationFilter& filter) {
    std::vector<std::string> reads;
    for (int i = 0; i < 3; ++i) {
      Result<Page<RecordJson>> page = store_->ListOrganizationsJson(filter, {1, 5});
      if (!page.ok()) return "error: " + page.status().ToString();
      std::string& text = reads.emplace_back();
      for (const RecordJson& row : page->items) text += row.json + "@" + std::to_string(row.meta.version) + "\n";
    }
    EXPECT_EQ(reads[1], reads[0]);
    EXPECT_EQ(reads[2], reads[0]);
    return reads[0];
  };
  const std::string before = stored_page(ru_hospitals);
  EXPECT_NE(before.find("Beta Clinic"), std::string::npos) << before;
  Organization moved = *store_->GetOrganization("o-b");
  moved.country = "KZ";
  moved.name = {{"en", "Beta Clinic of Almaty"}};
  ASSERT_TRUE(store_->UpdateOrganization(moved, At(2)).ok());
  EXPECT_EQ(total(ru_hospitals), 1);
  EXPECT_EQ(stored_page(ru_hospitals).find("Beta Clinic"), std::string::npos);
  EXPECT_NE(stored_page({.country = "KZ"}).find("Beta Clinic of Almaty\"},\"kind\":\"hospital\",\"country\":\"KZ\""),
            std::string::npos);
  Organization untagged = *store_->GetOrganization("o-a");
  untagged.therapeutic_areas.clear();
  ASSERT_TRUE(store_->UpdateOrganization(untagged, At(3)).ok());
  EXPECT_EQ(total(oncology), 0);
  EXPECT_NE(stored_page(ru_hospitals).find("@2"), std::string::npos);  // the untagged version
  ASSERT_TRUE(store_->DeleteOrganization("o-a", 2, At(4)).ok());
  EXPECT_EQ(total(ru_hospitals), 0);
  EXPECT_EQ(stored_page(ru_hospitals), "");
  // Opportunities too, seen by a visitor (public tier only).
  ASSERT_TRUE(store_->CreateOrganization(Org("o-c", "Gamma Devices", "CN", "company"), At(5)).ok());
  const OpportunityFilter offers{.direction = "offer", .visible_tiers = {"public"}};
  const auto offer_total = [&] {
    for (int i = 0; i < 2; ++i) EXPECT_TRUE(store_->ListOpportunities(offers, {1, 1}).ok());
    return store_->ListOpportunities(offers, {1, 1})->total;
  };
  EXPECT_EQ(offer_total(), 0);
  ASSERT_TRUE(store_->CreateOpportunity(Opp("p1", "o-c", "offer"), At(6)).ok());
  EXPECT_EQ(offer_total(), 1);
}

// What one viewer's list counted is never another's: a member's total, asked
// first, includes a members-only post; a visitor's, asked next in the same
// snapshot, does not, and the owner's own view counts its post whatever its tier.
TEST_P(StoreContractTest, AListsTotalIsNeverAnotherViewersTotal) {
  ASSERT_TRUE(store_->CreateOrganization(Org("o-c", "Gamma Devices"), At(0)).ok());
  Opportunity hidden = Opp("p-members", "o-c");
  hidden.confidentiality = "members";
  ASSERT_TRUE(store_->CreateOpportunity(Opp("p-public", "o-c"), At(1)).ok());
  ASSERT_TRUE(store_->CreateOpportunity(hidden, At(2)).ok());
  const auto total = [&](OpportunityFilter filter) {
    Result<Page<Opportunity>> page = store_->ListOpportunities(filter, {1, 1});
    return page.ok() ? page->total : -1;
  };
  for (int round = 0; round < 2; ++round) {  // counted, then remembered
    EXPECT_EQ(total({.visible_tiers = {"public", "members"}}), 2);
    EXPECT_EQ(total({.visible_tiers = {"public"}}), 1);
    EXPECT_EQ(total({.visible_tiers = {"public"}, .own_organization_ids = {"o-c"}}), 2);
    EXPECT_EQ(total({.visible_tiers = {"public"}, .own_organization_ids = {"o-other"}}), 1);
  }
}

TEST_P(StoreContractTest, ListsOpportunitiesByFilterNewestFirst) {
  ASSERT_TRUE(store_->CreateOrganization(Org("o-cn", "China Devices", "CN", "company"), At(0)).ok());
  ASSERT_TRUE(store_->CreateOrganization(Org("o-ru", "Russian Clinic", "RU", "hospital"), At(0)).ok());
  Opportunity p1 = Opp("p1", "o-cn", "request");
  p1.cooperation = {"distribution", "clinical_trial"};
  p1.target_countries = {"RU", "KZ"};
  p1.therapeutic_areas = {"rehabilitation"};
  p1.stage = "marketed";
  Opportunity p2 = Opp("p2", "o-ru", "offer");
  p2.cooperation = {"clinical_trial"};
  Opportunity p3 = Opp("p3", "o-cn", "offer");
  p3.modalities = {"medical_device"};
  ASSERT_TRUE(store_->CreateOpportunity(p1, At(1)).ok());
  ASSERT_TRUE(store_->CreateOpportunity(p2, At(2)).ok());
  ASSERT_TRUE(store_->CreateOpportunity(p3, At(3)).ok());

  using V = std::vector<std::string>;
  EXPECT_EQ(Ids(store_->ListOpportunities({}, {})->items), (V{"p3", "p2", "p1"}));
  EXPECT_EQ(Ids(store_->ListOpportunities({.organization_id = "o-cn"}, {})->items), (V{"p3", "p1"}));
  EXPECT_EQ(Ids(store_->ListOpportunities({.direction = "offer"}, {})->items), (V{"p3", "p2"}));
  EXPECT_EQ(Ids(store_->ListOpportunities({.cooperation = "clinical_trial"}, {})->items), (V{"p2", "p1"}));
  EXPECT_EQ(Ids(store_->ListOpportunities({.therapeutic_area = "rehabilitation"}, {})->items), (V{"p1"}));
  EXPECT_EQ(Ids(store_->ListOpportunities({.modality = "medical_device"}, {})->items), (V{"p3"}));
  EXPECT_EQ(Ids(store_->ListOpportunities({.stage = "marketed"}, {})->items), (V{"p1"}));
  EXPECT_EQ(Ids(store_->ListOpportunities({.target_country = "KZ"}, {})->items), (V{"p1"}));
  EXPECT_EQ(Ids(store_->ListOpportunities({.country = "RU"}, {})->items), (V{"p2"}));
  EXPECT_EQ(Ids(store_->ListOpportunities({.direction = "request", .kind = "company"}, {})->items), (V{"p1"}));
  auto page = store_->ListOpportunities({}, {2, 1});
  EXPECT_EQ(page->total, 3);
  EXPECT_EQ(Ids(page->items), (V{"p2"}));
}

TEST_P(StoreContractTest, ImportCreatesUpdatesAndRefusesRecordByRecord) {
  ASSERT_TRUE(store_->CreateOrganization(Org("o-1", "Existing"), At(0)).ok());
  Organization changed = Org("o-1", "Existing, renamed");
  std::vector<DirectoryRecord> batch = {
      Org("o-2", "New"),
      Opp("p-1", "o-2"),             // refers to a record earlier in the same batch
      Opp("p-bad", "o-missing"),     // refused on its own
      changed,
      Org("o-3", "Another"),
  };
  std::vector<DirectoryRecord> first = batch;
  auto outcomes = store_->ImportRecords(first, At(5, "system:import"));
  ASSERT_EQ(outcomes.size(), 5u);
  EXPECT_EQ(*outcomes[0], ImportOutcome::kCreated);
  EXPECT_EQ(*outcomes[1], ImportOutcome::kCreated);
  EXPECT_EQ(outcomes[2].status().field(), "organization");
  EXPECT_EQ(*outcomes[3], ImportOutcome::kUpdated);
  EXPECT_EQ(*outcomes[4], ImportOutcome::kCreated);
  EXPECT_EQ(store_->GetOrganization("o-1")->meta.version, 2);
  EXPECT_TRUE(store_->GetOpportunity("p-1").ok());
  EXPECT_EQ(store_->GetOpportunity("p-bad").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->ListAudit("opportunity", "p-bad")->size(), 0u);
  EXPECT_EQ(store_->ListAudit("organization", "o-2")->at(0).action, "import");

  // The same batch again changes nothing.
  auto again = store_->ImportRecords(batch, At(6, "system:import"));  // the same records once more
  EXPECT_EQ(*again[0], ImportOutcome::kUnchanged);
  EXPECT_EQ(*again[3], ImportOutcome::kUnchanged);
  EXPECT_EQ(store_->GetOrganization("o-1")->meta.version, 2);
}

TEST_P(StoreContractTest, ForEachVisitsEveryRecordInIdOrder) {
  for (const char* id : {"c", "a", "b"}) ASSERT_TRUE(store_->CreateOrganization(Org(id, id), At(0)).ok());
  ASSERT_TRUE(store_->CreateOpportunity(Opp("p2", "a"), At(1)).ok());
  ASSERT_TRUE(store_->CreateOpportunity(Opp("p1", "b"), At(2)).ok());
  std::vector<std::string> seen;
  ASSERT_TRUE(store_->ForEachOrganization([&](const Organization& o) {
    seen.push_back(o.id);
    return Status::Ok();
  }).ok());
  ASSERT_TRUE(store_->ForEachOpportunity([&](const Opportunity& o) {
    seen.push_back(o.id);
    return Status::Ok();
  }).ok());
  EXPECT_EQ(seen, (std::vector<std::string>{"a", "b", "c", "p1", "p2"}));
  Status stop = store_->ForEachOrganization([](const Organization&) { return InternalError("stop"); });
  EXPECT_EQ(stop.message(), "stop");
}

domain::Collaboration Joint(std::string id, std::vector<std::string> organizations, std::optional<int> year) {
  domain::Collaboration c;
  c.id = std::move(id);
  c.title = {{"en", "Joint work " + c.id}};
  c.source = "test";
  c.year = year;
  c.lead = organizations.front();
  c.organizations = std::move(organizations);
  return c;
}

TEST_P(StoreContractTest, CollaborationsGiveEachOrganisationItsPartners) {
  for (const char* id : {"a", "b", "c", "d"}) ASSERT_TRUE(store_->CreateOrganization(Org(id, id), At(0)).ok());
  std::vector<DirectoryRecord> records{Joint("j1", {"a", "b", "c"}, 2019), Joint("j2", {"b", "a"}, 2022),
                                       Joint("j3", {"a", "d"}, std::nullopt), Joint("j4", {"a", "x"}, 2020)};
  auto outcomes = store_->ImportRecords(records, At(1));
  ASSERT_EQ(outcomes.size(), 4u);
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(outcomes[i].ok()) << outcomes[i].status().ToString();
  // A collaboration naming an organisation that does not exist is refused, naming it.
  EXPECT_EQ(outcomes[3].status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(outcomes[3].status().field(), "organizations[1]");
  EXPECT_EQ(store_->GetCollaboration("j4").status().code(), StatusCode::kNotFound);

  auto j1 = store_->GetCollaboration("j1");
  ASSERT_TRUE(j1.ok());
  EXPECT_EQ(*j1, std::get<domain::Collaboration>(records[0]));
  EXPECT_EQ(j1->meta.version, 1);

  // Most shared first, then the latest year (unknown last), then id.
  auto partners = store_->ListPartners("a", 10);
  ASSERT_TRUE(partners.ok());
  EXPECT_EQ(*partners, (std::vector<Partner>{{"b", 2, 2022}, {"c", 1, 2019}, {"d", 1, std::nullopt}}));
  EXPECT_EQ(store_->ListPartners("a", 1)->size(), 1u);
  EXPECT_EQ(*store_->ListPartners("d", 10), (std::vector<Partner>{{"a", 1, std::nullopt}}));
  EXPECT_TRUE(store_->ListPartners("nobody", 10)->empty());

  auto of_a = store_->ListCollaborations("a", {1, 2});
  ASSERT_TRUE(of_a.ok());
  EXPECT_EQ(of_a->total, 3);
  EXPECT_EQ(Ids(of_a->items), (std::vector<std::string>{"j2", "j1"}));
  EXPECT_EQ(Ids(store_->ListCollaborations("a", {2, 2})->items), (std::vector<std::string>{"j3"}));

  // Replacing one changes who shared it; a member cannot be deleted while named.
  std::vector<DirectoryRecord> again{Joint("j1", {"a", "d"}, 2019)};
  ASSERT_EQ(*store_->ImportRecords(again, At(2))[0], ImportOutcome::kUpdated);
  EXPECT_EQ(*store_->ListPartners("c", 10), std::vector<Partner>{});
  EXPECT_EQ(store_->DeleteOrganization("d", 0, At(3)).code(), StatusCode::kFailedPrecondition);
  ASSERT_TRUE(store_->DeleteOrganization("c", 0, At(3)).ok());

  EXPECT_EQ(store_->DeleteCollaboration("j3", 7, At(4)).code(), StatusCode::kAborted);
  ASSERT_TRUE(store_->DeleteCollaboration("j3", 1, At(4)).ok());
  ASSERT_TRUE(store_->DeleteCollaboration("j1", 0, At(4)).ok());
  EXPECT_EQ(*store_->ListPartners("a", 10), (std::vector<Partner>{{"b", 1, 2022}}));
  ASSERT_TRUE(store_->DeleteOrganization("d", 0, At(5)).ok());

  std::vector<std::string> seen;
  ASSERT_TRUE(store_->ForEachCollaboration([&](const domain::Collaboration& c) {
    seen.push_back(c.id);
    return Status::Ok();
  }).ok());
  EXPECT_EQ(seen, std::vector<std::string>{"j2"});
  // Every write left a change record, which search indexes follow.
  auto changes = store_->ListChanges(0, 100);
  ASSERT_TRUE(changes.ok());
  int collaboration_changes = 0;
  for (const ChangeRecord& c : *changes) collaboration_changes += c.entity_type == "collaboration";
  EXPECT_EQ(collaboration_changes, 6);  // 3 creates, 1 update, 2 deletes
}

TEST_P(StoreContractTest, UsersAreUniqueByEmailAndTheirSecretsStayOutOfTheAudit) {
  auto alice = store_->CreateUser(Person("u-1", "alice@example.org"), "$argon2id$secret-hash", At(0, "system:test"));
  ASSERT_TRUE(alice.ok()) << alice.status().ToString();
  EXPECT_EQ(alice->meta.version, 1);
  auto dup = store_->CreateUser(Person("u-2", "alice@example.org"), "h", At(1));
  EXPECT_EQ(dup.status().code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(dup.status().field(), "email");

  EXPECT_EQ(store_->FindUserByEmail("alice@example.org")->id, "u-1");
  EXPECT_EQ(store_->FindUserByEmail("bob@example.org").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(*store_->GetPasswordHash("u-1"), "$argon2id$secret-hash");
  EXPECT_EQ(*store_->CountUsers(), 1);
  auto audit = store_->ListAudit("user", "u-1");
  ASSERT_EQ(audit->size(), 1u);
  EXPECT_EQ(json::serialize(audit->at(0).changes).find("secret-hash"), std::string::npos);
}

TEST_P(StoreContractTest, MembershipsLinkUsersAndOrganisations) {
  ASSERT_TRUE(store_->CreateUser(Person("u-1", "a@x.org"), "h", At(0)).ok());
  ASSERT_TRUE(store_->CreateOrganization(Org("o-1", "One"), At(0)).ok());
  ASSERT_TRUE(store_->CreateOrganization(Org("o-2", "Two"), At(0)).ok());
  ASSERT_TRUE(store_->PutMembership({"u-1", "o-1", MembershipRole::kAdmin}, At(1)).ok());
  ASSERT_TRUE(store_->PutMembership({"u-1", "o-2", MembershipRole::kMember}, At(1)).ok());
  ASSERT_TRUE(store_->PutMembership({"u-1", "o-2", MembershipRole::kAdmin}, At(2)).ok());  // role change

  auto mine = store_->ListMembershipsOfUser("u-1");
  ASSERT_EQ(mine->size(), 2u);
  EXPECT_EQ(mine->at(1), (Membership{"u-1", "o-2", MembershipRole::kAdmin}));
  EXPECT_EQ(store_->ListMembersOfOrganization("o-1")->size(), 1u);
  EXPECT_EQ(store_->ListAudit("membership", "o-2/u-1")->size(), 2u);

  EXPECT_EQ(store_->PutMembership({"u-404", "o-1", MembershipRole::kMember}, At(3)).code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->PutMembership({"u-1", "o-404", MembershipRole::kMember}, At(3)).code(), StatusCode::kNotFound);

  ASSERT_TRUE(store_->DeleteMembership("u-1", "o-1", At(4)).ok());
  EXPECT_EQ(store_->DeleteMembership("u-1", "o-1", At(4)).code(), StatusCode::kNotFound);
  // Deleting an organisation takes its memberships with it.
  ASSERT_TRUE(store_->DeleteOrganization("o-2", 0, At(5)).ok());
  EXPECT_TRUE(store_->ListMembershipsOfUser("u-1")->empty());
}

TEST_P(StoreContractTest, SessionsExpire) {
  ASSERT_TRUE(store_->CreateUser(Person("u-1", "a@x.org"), "h", At(0)).ok());
  Session s{"hash-1", "u-1", At(0).at, At(3600).at, "ses-1", "Firefox"};
  ASSERT_TRUE(store_->CreateSession(s, At(0, "u-1")).ok());
  EXPECT_EQ(store_->FindSession("hash-1", At(3599).at)->user_id, "u-1");
  EXPECT_EQ(store_->FindSession("hash-1", At(3600).at).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->FindSession("other", At(1).at).status().code(), StatusCode::kNotFound);
  ASSERT_TRUE(store_->DeleteSession("hash-1", At(5, "u-1")).ok());
  EXPECT_EQ(store_->FindSession("hash-1", At(6).at).status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(store_->DeleteSession("hash-1", At(7, "u-1")).ok());
  auto audit = store_->ListAudit("user", "u-1");
  ASSERT_EQ(audit->size(), 3u);  // create, sign_in, sign_out
  EXPECT_EQ(audit->at(1).action, "sign_in");
  EXPECT_EQ(audit->at(2).action, "sign_out");
}

TEST_P(StoreContractTest, AUsersSessionsAreListedAndEndedOneByOneOrByAPasswordChange) {
  ASSERT_TRUE(store_->CreateUser(Person("u-1", "a@x.org"), "h", At(0)).ok());
  ASSERT_TRUE(store_->CreateUser(Person("u-2", "b@x.org"), "h", At(0)).ok());
  ASSERT_TRUE(store_->CreateSession({"hash-1", "u-1", At(0).at, At(3600).at, "ses-1", "Firefox"}, At(0, "u-1")).ok());
  ASSERT_TRUE(store_->CreateSession({"hash-2", "u-1", At(10).at, At(3600).at, "ses-2", "curl"}, At(10, "u-1")).ok());
  ASSERT_TRUE(store_->CreateSession({"hash-3", "u-1", At(20).at, At(3600).at, "ses-3", ""}, At(20, "u-1")).ok());
  ASSERT_TRUE(store_->CreateSession({"hash-4", "u-2", At(0).at, At(3600).at, "ses-4", ""}, At(0, "u-2")).ok());
  ASSERT_TRUE(store_->CreateApiToken({"tok-1", "u-1", "CI", "thash-1", At(1).at}, At(1)).ok());
  Result<std::vector<Session>> listed = store_->ListSessions("u-1", At(30).at);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 3u);
  EXPECT_EQ(listed->at(0).id, "ses-3");  // newest first
  EXPECT_EQ(listed->at(2).user_agent, "Firefox");
  EXPECT_TRUE(store_->ListSessions("u-1", At(3600).at)->empty()) << "expired ones are not listed";
  // One by id, and only one's own.
  EXPECT_EQ(store_->DeleteSessionById("u-2", "ses-1", At(31, "u-2")).code(), StatusCode::kNotFound);
  ASSERT_TRUE(store_->DeleteSessionById("u-1", "ses-1", At(31, "u-1")).ok());
  EXPECT_EQ(store_->FindSession("hash-1", At(32).at).status().code(), StatusCode::kNotFound);
  // A password change ends every other session, and the tokens when asked.
  ASSERT_TRUE(store_->UpdatePasswordHash("u-1", "h2", {"hash-3", false}, At(40, "u-1")).ok());
  EXPECT_EQ(store_->FindSession("hash-2", At(41).at).status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(store_->FindSession("hash-3", At(41).at).ok()) << "the one that changed it stays";
  EXPECT_TRUE(store_->FindSession("hash-4", At(41).at).ok()) << "another user's stays";
  EXPECT_TRUE(store_->FindApiToken("thash-1").ok());
  ASSERT_TRUE(store_->UpdatePasswordHash("u-1", "h3", {"hash-3", true}, At(42, "u-1")).ok());
  EXPECT_EQ(store_->FindApiToken("thash-1").status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(store_->FindSession("hash-3", At(43).at).ok());
}

TEST_P(StoreContractTest, PlatformRolesAreGrantedAuditedAndVersioned) {
  ASSERT_TRUE(store_->CreateUser(Person("u-1", "a@x.org"), "h", At(0)).ok());
  domain::User roles = *store_->GetUser("u-1");
  roles.event_organiser = true;
  roles.display_name = "not changed by this";
  Result<domain::User> granted = store_->UpdateUserRoles(roles, 1, At(1, "u-admin"));
  ASSERT_TRUE(granted.ok()) << granted.status().ToString();
  EXPECT_TRUE(granted->event_organiser);
  EXPECT_EQ(granted->meta.version, 2);
  EXPECT_TRUE(store_->GetUser("u-1")->event_organiser);
  EXPECT_NE(store_->GetUser("u-1")->display_name, "not changed by this") << "only roles";
  EXPECT_EQ(store_->UpdateUserRoles(roles, 1, At(2, "u-admin")).status().code(), StatusCode::kAborted);
  roles.id = "u-404";
  EXPECT_EQ(store_->UpdateUserRoles(roles, 1, At(2, "u-admin")).status().code(), StatusCode::kNotFound);
  auto audit = store_->ListAudit("user", "u-1");
  ASSERT_EQ(audit->back().action, "grant_roles");
  EXPECT_EQ(audit->back().actor, "u-admin");
  EXPECT_TRUE(audit->back().changes.contains("event_organiser"));
}

TEST_P(StoreContractTest, ApiTokensBelongToTheirUser) {
  ASSERT_TRUE(store_->CreateUser(Person("u-1", "a@x.org"), "h", At(0)).ok());
  ASSERT_TRUE(store_->CreateUser(Person("u-2", "b@x.org"), "h", At(0)).ok());
  ASSERT_TRUE(store_->CreateApiToken({"tok-1", "u-1", "CI", "thash", At(1).at}, At(1)).ok());
  EXPECT_EQ(store_->FindApiToken("thash")->user_id, "u-1");
  EXPECT_EQ(store_->ListApiTokens("u-1")->size(), 1u);
  EXPECT_TRUE(store_->ListApiTokens("u-2")->empty());
  EXPECT_EQ(store_->DeleteApiToken("u-2", "tok-1", At(2)).code(), StatusCode::kNotFound);
  ASSERT_TRUE(store_->DeleteApiToken("u-1", "tok-1", At(3)).ok());
  EXPECT_EQ(store_->FindApiToken("thash").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(json::serialize(store_->ListAudit("api_token", "tok-1")->at(0).changes).find("thash"),
            std::string::npos);
}

TEST_P(StoreContractTest, ConcurrentWritersAndReadersSeeConsistentData) {
  constexpr int kThreads = 4, kPerThread = 25;
  std::atomic<int> failures{0};
  std::atomic<bool> writing{true};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        if (!store_->CreateOrganization(Org(fmt::format("o-{}-{}", t, i), "Org"), At(i)).ok()) ++failures;
      }
    });
  }
  std::thread reader([&] {
    while (writing) {
      auto page = store_->ListOrganizations({}, {1, 100});
      if (!page.ok() || page->total < static_cast<std::int64_t>(page->items.size())) ++failures;
    }
  });
  for (auto& t : threads) t.join();
  writing = false;
  reader.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(store_->ListOrganizations({}, {1, 1})->total, kThreads * kPerThread);
  auto changes = store_->ListChanges(0, 1000);
  ASSERT_EQ(changes->size(), static_cast<std::size_t>(kThreads * kPerThread));
  std::set<std::int64_t> seqs;
  for (const auto& c : *changes) seqs.insert(c.seq);
  EXPECT_EQ(seqs.size(), changes->size());
}

}  // namespace
}  // namespace biobridge::storage

namespace biobridge::storage {
namespace {

TEST_P(StoreContractTest, AFounderBecomesAdminInTheSameTransaction) {
  ASSERT_TRUE(store_->CreateUser(Person("u-1", "a@x.org"), "h", At(0)).ok());
  ASSERT_TRUE(store_->CreateOrganization(Org("o-1", "One"), At(1, "u-1"), "u-1").ok());
  auto members = store_->ListMembersOfOrganization("o-1");
  ASSERT_EQ(members->size(), 1u);
  EXPECT_EQ(members->at(0).role, MembershipRole::kAdmin);
  // With an unknown founder nothing is created.
  EXPECT_EQ(store_->CreateOrganization(Org("o-2", "Two"), At(2), "u-404").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->GetOrganization("o-2").status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace biobridge::storage

namespace biobridge::storage {
namespace {

TEST_P(StoreContractTest, ListsOnlyWhatTheViewerMaySee) {
  ASSERT_TRUE(store_->CreateOrganization(Org("o-1", "One"), At(0)).ok());
  ASSERT_TRUE(store_->CreateOrganization(Org("o-2", "Two"), At(0)).ok());
  int n = 0;
  for (const char* tier : {"public", "members", "cda"}) {
    for (const char* org : {"o-1", "o-2"}) {
      Opportunity o = Opp(fmt::format("{}-{}", org, tier), org);
      o.confidentiality = tier;
      ASSERT_TRUE(store_->CreateOpportunity(o, At(++n)).ok());
    }
  }
  using V = std::vector<std::string>;
  EXPECT_EQ(Ids(store_->ListOpportunities({.visible_tiers = {"public"}}, {})->items), (V{"o-2-public", "o-1-public"}));
  auto member_of_o1 = store_->ListOpportunities({.visible_tiers = {"public", "members"}, .own_organization_ids = {"o-1"}}, {});
  EXPECT_EQ(member_of_o1->total, 5);
  EXPECT_EQ(Ids(member_of_o1->items), (V{"o-1-cda", "o-2-members", "o-1-members", "o-2-public", "o-1-public"}));
  EXPECT_EQ(store_->ListOpportunities({}, {})->total, 6);
}

}  // namespace
}  // namespace biobridge::storage

namespace biobridge::storage {
namespace {

TEST_P(StoreContractTest, PasswordHashesCanBeReplaced) {
  ASSERT_TRUE(store_->CreateUser(Person("u-1", "a@x.org"), "old-hash", At(0)).ok());
  ASSERT_TRUE(store_->UpdatePasswordHash("u-1", "new-hash", {}, At(1, "u-1")).ok());
  EXPECT_EQ(*store_->GetPasswordHash("u-1"), "new-hash");
  EXPECT_EQ(store_->UpdatePasswordHash("u-404", "x", {}, At(2)).code(), StatusCode::kNotFound);
  auto audit = store_->ListAudit("user", "u-1");
  ASSERT_EQ(audit->size(), 2u);
  EXPECT_EQ(audit->at(1).action, "change_password");
  EXPECT_EQ(json::serialize(audit->at(1).changes).find("hash"), std::string::npos);
}

}  // namespace
}  // namespace biobridge::storage

namespace biobridge::storage {
namespace {

// The store keeps what it is given: codes outside the vocabularies (which the
// service layer refuses) still store, list and filter.
TEST_P(StoreContractTest, CodesOutsideTheVocabulariesAreKeptAndFiltered) {
  Organization o = Org("org-1", "One");
  o.therapeutic_areas = {"made_up_area"};
  ASSERT_TRUE(store_->CreateOrganization(o, At(0)).ok());
  EXPECT_EQ(store_->ListOrganizations({.therapeutic_area = "made_up_area"}, {})->total, 1);
  EXPECT_EQ(store_->ListOrganizations({.therapeutic_area = "never_used"}, {})->total, 0);
  EXPECT_EQ(store_->GetOrganization("org-1")->therapeutic_areas, (std::vector<std::string>{"made_up_area"}));
  Organization changed = *store_->GetOrganization("org-1");
  changed.therapeutic_areas = {"oncology"};
  ASSERT_TRUE(store_->UpdateOrganization(changed, At(1)).ok());
  EXPECT_EQ(store_->ListOrganizations({.therapeutic_area = "made_up_area"}, {})->total, 0);
  EXPECT_EQ(store_->ListOrganizations({.therapeutic_area = "oncology"}, {})->total, 1);
}

}  // namespace
}  // namespace biobridge::storage

namespace biobridge::storage {
namespace {

TEST_P(StoreContractTest, ABulkLoadNeedsAnEmptyDirectoryAndKeepsEveryReadCorrect) {
  ASSERT_TRUE(store_->StartBulkLoad().ok());
  Organization a = Org("o-a", "Alpha", "RU", "hospital");
  a.therapeutic_areas = {"rehabilitation"};
  std::vector<DirectoryRecord> batch = {a, Org("o-b", "Beta", "CN"), Opp("p-1", "o-a", "request")};
  for (const auto& outcome : store_->ImportRecords(batch, At(1, "system:import"))) ASSERT_TRUE(outcome.ok());
  // Mid-load, lists and audits still answer correctly.
  EXPECT_EQ(Ids(store_->ListOrganizations({.country = "RU", .kind = "hospital"}, {})->items),
            std::vector<std::string>{"o-a"});
  EXPECT_EQ(store_->ListAudit("organization", "o-a")->size(), 1u);
  // A second load may not start on a directory that is no longer empty...
  ASSERT_TRUE(store_->FinishBulkLoad().ok());
  EXPECT_EQ(store_->StartBulkLoad().code(), StatusCode::kFailedPrecondition);
  // ...and after the load everything is as with row-by-row writes.
  EXPECT_EQ(Ids(store_->ListOrganizations({}, {})->items), (std::vector<std::string>{"o-a", "o-b"}));
  EXPECT_EQ(store_->ListOrganizations({.therapeutic_area = "rehabilitation"}, {})->total, 1);
  EXPECT_EQ(store_->ListOpportunities({.organization_id = "o-a", .direction = "request"}, {})->total, 1);
  EXPECT_TRUE(store_->FinishBulkLoad().ok());  // finishing twice is harmless
}

}  // namespace
}  // namespace biobridge::storage

namespace biobridge::storage {
namespace {

// A file may hold the same record twice; the second wins, tags included.
TEST_P(StoreContractTest, ARecordTwiceInOneImportEndsAsItsLastVersion) {
  Organization first = Org("o-1", "One");
  first.therapeutic_areas = {"oncology", "neurology"};
  Organization second = Org("o-1", "One, renamed");
  second.therapeutic_areas = {"neurology", "rehabilitation"};
  std::vector<DirectoryRecord> batch = {first, second};
  auto outcomes = store_->ImportRecords(batch, At(1, "system:import"));
  EXPECT_EQ(*outcomes[0], ImportOutcome::kCreated);
  EXPECT_EQ(*outcomes[1], ImportOutcome::kUpdated);
  EXPECT_EQ(store_->ListOrganizations({.therapeutic_area = "oncology"}, {})->total, 0);
  EXPECT_EQ(store_->ListOrganizations({.therapeutic_area = "neurology"}, {})->total, 1);
  EXPECT_EQ(store_->ListOrganizations({.therapeutic_area = "rehabilitation"}, {})->total, 1);
  EXPECT_EQ(store_->GetOrganization("o-1")->meta.version, 2);
}

}  // namespace
}  // namespace biobridge::storage

namespace biobridge::storage {
namespace {

TEST_P(StoreContractTest, TheStoredJsonIsTheInterchangeFormOfTheRecord) {
  Organization o = Org("org-1", "Neva", "RU", "hospital");
  o.extra["beds"] = 420;
  ASSERT_TRUE(store_->CreateOrganization(o, At(0)).ok());
  Organization changed = *store_->GetOrganization("org-1");
  changed.city = {{"ru", "Санкт-Петербург"}};
  ASSERT_TRUE(store_->UpdateOrganization(changed, At(5)).ok());
  auto json = store_->GetOrganizationJson("org-1");
  ASSERT_TRUE(json.ok());
  auto record = store_->GetOrganization("org-1");
  EXPECT_EQ(json->json, json::serialize(domain::ToJson(*record)));
  EXPECT_EQ(json->meta, record->meta);
  EXPECT_EQ(json->meta.version, 2);
  EXPECT_EQ(store_->GetOrganizationJson("nope").status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace biobridge::storage

namespace biobridge::storage {
namespace {

// New records of an import are written together (on PostgreSQL with COPY);
// what they leave must be what writing them one by one leaves, for batches
// larger than one lookup of ids, mixed with replacements and refusals.
TEST_P(StoreContractTest, ABigImportLeavesWhatRecordByRecordWritesWould) {
  ASSERT_TRUE(store_->CreateOrganization(Org("old-1", "Old one"), At(0)).ok());
  const std::int64_t before = *store_->LatestChangeSeq();
  std::vector<DirectoryRecord> batch;
  std::vector<std::string> expected_changes;  // entity ids, in order
  for (int i = 0; i < 300; ++i) {
    // Text COPY must escape: tabs, line breaks, backslashes, quotes, and more than ASCII.
    Organization o = Org(fmt::format("o-{:03}", i), fmt::format("Org\t{}\\n \"q\"\nНева 北京 {}", i, i),
                         i % 2 ? "RU" : "CN", i % 3 ? "company" : "hospital");
    o.therapeutic_areas = {i % 5 ? "oncology" : "neurology", "rehabilitation"};
    o.markets = {"KZ"};
    if (i == 7) o.modalities = {"not_a_listed_modality"};  // a code no record used before
    batch.push_back(o);
    expected_changes.push_back(o.id);
    if (i % 3 == 0) {
      batch.push_back(Opp(fmt::format("p-{:03}", i), i % 2 ? o.id : "old-1"));
      expected_changes.push_back(fmt::format("p-{:03}", i));
    }
  }
  batch.push_back(Opp("p-bad", "o-missing"));  // refused, nothing written
  Organization renamed = Org("old-1", "Old one, renamed");
  batch.push_back(renamed);
  expected_changes.push_back("old-1");
  batch.push_back(Joint("j-1", {"o-001", "old-1", "o-002"}, 2024));
  expected_changes.push_back("j-1");
  batch.push_back(Org("o-400", "After the replacement"));
  expected_changes.push_back("o-400");
  const std::vector<DirectoryRecord> as_given = batch;

  auto outcomes = store_->ImportRecords(batch, At(5, "system:import"));
  ASSERT_EQ(outcomes.size(), batch.size());
  int created = 0;
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    const std::string id = std::visit([](const auto& r) { return r.id; }, batch[i]);
    if (id == "p-bad") {
      EXPECT_EQ(outcomes[i].status().field(), "organization");
      continue;
    }
    ASSERT_TRUE(outcomes[i].ok()) << id << ": " << outcomes[i].status().ToString();
    created += *outcomes[i] == ImportOutcome::kCreated;
  }
  EXPECT_EQ(created, 300 + 100 + 1 + 1);

  // Each record reads back as given, at version 1, stamped with the import's time.
  for (std::size_t i = 0; i < as_given.size(); ++i) {
    if (const auto* o = std::get_if<Organization>(&as_given[i]); o && o->id != "old-1") {
      auto stored = store_->GetOrganization(o->id);
      ASSERT_TRUE(stored.ok()) << o->id;
      Organization expected = *o;
      expected.meta = {1, At(5).at, At(5).at};
      EXPECT_EQ(*stored, expected);
    }
  }
  EXPECT_EQ(store_->GetOrganization("old-1")->name.Best({"en"}), "Old one, renamed");
  EXPECT_EQ(store_->GetOrganization("old-1")->meta.version, 2);
  EXPECT_EQ(store_->GetOpportunity("p-bad").status().code(), StatusCode::kNotFound);

  // Tags, members, the audit and the change log, in the batch's order.
  EXPECT_EQ(store_->ListOrganizations({.therapeutic_area = "neurology"}, {})->total, 60);
  EXPECT_EQ(store_->ListOrganizations({.therapeutic_area = "rehabilitation"}, {})->total, 300);
  EXPECT_EQ(store_->ListOrganizations({.modality = "not_a_listed_modality"}, {})->total, 1);
  EXPECT_EQ(store_->ListOrganizations({.country = "RU", .kind = "hospital"}, {})->total, 50);
  EXPECT_EQ(store_->ListOpportunities({.organization_id = "old-1"}, {})->total, 50);
  EXPECT_EQ(*store_->ListPartners("old-1", 10), (std::vector<Partner>{{"o-001", 1, 2024}, {"o-002", 1, 2024}}));
  auto audit = store_->ListAudit("organization", "o-123");
  ASSERT_EQ(audit->size(), 1u);
  EXPECT_EQ(audit->at(0).action, "import");
  EXPECT_EQ(audit->at(0).actor, "system:import");
  EXPECT_TRUE(audit->at(0).changes.empty());
  auto changes = store_->ListChanges(before, 1000);
  ASSERT_TRUE(changes.ok());
  std::vector<std::string> changed;
  for (const ChangeRecord& c : *changes) {
    changed.push_back(c.entity_id);
    EXPECT_EQ(c.version, c.entity_id == "old-1" ? 2 : 1) << c.entity_id;
    EXPECT_EQ(c.operation, "upsert");
  }
  EXPECT_EQ(changed, expected_changes);

  // The store's own numbering goes on after the imported rows...
  ASSERT_TRUE(store_->CreateOrganization(Org("o-new", "Created after"), At(6)).ok());
  ASSERT_TRUE(store_->CreateOpportunity(Opp("p-new", "o-new"), At(6)).ok());
  // ...imported records can be deleted with their rows...
  ASSERT_TRUE(store_->DeleteOrganization("o-299", 1, At(7)).ok());
  EXPECT_EQ(store_->ListOrganizations({.therapeutic_area = "rehabilitation"}, {})->total, 299);
  // ...and a next batch names what the first created.
  std::vector<DirectoryRecord> next{Opp("p-next", "o-298"), Org("o-298", "Renamed later")};
  auto again = store_->ImportRecords(next, At(8, "system:import"));
  EXPECT_EQ(*again[0], ImportOutcome::kCreated);
  EXPECT_EQ(*again[1], ImportOutcome::kUpdated);
}

TEST_P(StoreContractTest, ManyOpportunitiesAreReadAtOnceInTheOrderAsked) {
  ASSERT_TRUE(store_->CreateOrganization(Org("o", "O"), At(0)).ok());
  std::vector<DirectoryRecord> batch;
  std::vector<std::string> asked;
  for (int i = 0; i < 450; ++i) {  // more than one query's worth
    batch.push_back(Opp(fmt::format("p-{:03}", i), "o"));
    asked.push_back(fmt::format("p-{:03}", 449 - i));
  }
  for (const auto& outcome : store_->ImportRecords(batch, At(1))) ASSERT_TRUE(outcome.ok());
  asked.insert(asked.begin() + 3, "nope");
  asked.push_back("p-000");  // asked twice, given twice
  auto got = store_->GetOpportunities(asked);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  ASSERT_EQ(got->size(), 451u);
  EXPECT_EQ(got->front(), *store_->GetOpportunity("p-449"));
  EXPECT_EQ((*got)[3].id, "p-446");
  EXPECT_EQ(got->back().id, "p-000");
  EXPECT_TRUE(store_->GetOpportunities({})->empty());
}

}  // namespace
}  // namespace biobridge::storage
