#include "service/interchange.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/support/service_env.h"
#include "tests/support/temp_dir.h"
#include "storage/store.h"

namespace biobridge::service {
namespace {

using testing::ServiceEnv;

const Principal kSystem = Principal::System("test");

ImportOptions WithFiles(files::BlobStore* files) {
  ImportOptions options;
  options.files = files;
  return options;
}

// A file whose third and fifth lines are bad; the rest must land.
const char* kFileWithBadLines =
    R"({"type":"organization","id":"org-1","name":{"en":"Shanghai Pharma Group","zh":"上海医药集团"},"kind":"company","country":"CN"})"
    "\n"
    R"({"type":"organization","id":"org-2","name":{"ru":"Биотех Петербург"},"kind":"company","country":"RU","founded":1999})"
    "\n"
    R"({"type":"organization","id":"org-3","name":{"en":"Nowhere Ltd"},"kind":"company","country":"XX"})"
    "\n"
    "\n"
    R"({"type":"opportunity","id":"opp-1","organization":"org-2","direction":"offer","cooperation":["joint_venture"],"title":{"en":"JV"})"
    "\n"
    R"({"type":"opportunity","id":"opp-2","organization":"org-2","direction":"offer","cooperation":["joint_venture"],"title":{"ru":"СП"},"confidentiality":"public"})"
    "\n";

TEST(InterchangeTest, ABadLineIsReportedAndTheGoodOnesAreCommitted) {
  ServiceEnv env;
  std::istringstream in(kFileWithBadLines);
  std::vector<ImportProgress> progress;
  ImportOptions options;
  options.batch_size = 2;
  options.on_progress = [&](const ImportProgress& p) { progress.push_back(p); };
  auto report = env.interchange.ImportJsonLines(kSystem, in, options);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->records, 5u);
  EXPECT_EQ(report->created, 3u);
  ASSERT_EQ(report->refused.size(), 2u);
  EXPECT_EQ(report->refused[0].line, 3u);
  EXPECT_EQ(report->refused[0].id, "org-3");
  EXPECT_EQ(report->refused[0].status.field(), "country");
  EXPECT_EQ(report->refused[1].line, 5u);
  EXPECT_EQ(report->refused[1].status.code(), StatusCode::kMalformed);  // truncated JSON
  EXPECT_TRUE(env.store().GetOrganization("org-2").ok());
  EXPECT_TRUE(env.store().GetOpportunity("opp-2").ok());
  EXPECT_EQ(env.store().GetOrganization("org-3").status().code(), StatusCode::kNotFound);
  ASSERT_FALSE(progress.empty());
  EXPECT_EQ(progress.back().records, 5u);
}

TEST(InterchangeTest, ImportThenExportGivesBackTheSameRecords) {
  ServiceEnv env;
  const std::string file =
      R"({"type":"organization","id":"a","name":{"en":"A","zh":"甲","ru":"А"},"kind":"university","country":"RU","city":{"ru":"Санкт-Петербург"},"certifications":[{"name":"ISO 9001","expires":"2027-05-01"}],"website":"https://a.example","office":{"city":"Shanghai"}})"
      "\n"
      R"({"type":"organization","id":"b","name":{"zh":"乙"},"kind":"supplier","country":"CN","modalities":["bioprocess_equipment"],"markets":["KZ","RU"]})"
      "\n"
      R"({"type":"opportunity","id":"p","organization":"b","direction":"offer","cooperation":["supply","distribution"],"title":{"zh":"深层过滤器","en":"Depth filters"},"stage":"marketed","target_countries":["RU"],"confidentiality":"cda","expires":"2027-12-31","note":["kept"]})"
      "\n"
      R"({"type":"collaboration","id":"c","title":{"en":"Filter validation study"},"source":"CORDIS H2020","year":2021,"lead":"a","organizations":["a","b"],"grant":"733001"})"
      "\n";
  std::istringstream in(file);
  auto report = env.interchange.ImportJsonLines(kSystem, in, {});
  ASSERT_TRUE(report.ok());
  ASSERT_TRUE(report->refused.empty()) << report->refused[0].status.ToString();
  std::ostringstream out;
  auto written = env.interchange.ExportJsonLines(kSystem, out);
  ASSERT_TRUE(written.ok());
  EXPECT_EQ(*written, 4u);
  EXPECT_EQ(out.str(), file);

  // Importing the export again changes nothing.
  std::istringstream again(out.str());
  auto second = env.interchange.ImportJsonLines(kSystem, again, {});
  EXPECT_EQ(second->unchanged, 4u);
}

TEST(InterchangeTest, RefusesWhatItCannotImportWithAReason) {
  ServiceEnv env;
  std::istringstream in(
      "[1,2]\n"
      R"({"name":{"en":"no type"}})" "\n"
      R"({"type":"event","id":"e-1","name":{"en":"Forum"}})" "\n"
      R"({"type":"organization","id":"bad id","name":{"en":"X"},"kind":"company","country":"CN"})" "\n"
      "{\"type\":\"organization\",\"id\":\"u\",\"name\":{\"en\":\"\xff\"},\"kind\":\"company\",\"country\":\"CN\"}\n"
      R"({"type":"organization","id":"a","name":{"en":"A"},"kind":"company","country":"CN"})" "\n"
      R"({"type":"collaboration","id":"c-1","organizations":["a"]})" "\n"
      R"({"type":"collaboration","id":"c-2","organizations":["a","nobody"]})" "\n"
      R"({"type":"collaboration","id":"c-3","lead":"z","organizations":["a","b"]})" "\n"
      R"({"type":"collaboration","id":"c-4","year":"2020","organizations":["a","b"]})" "\n");
  auto report = env.interchange.ImportJsonLines(kSystem, in, {});
  ASSERT_TRUE(report.ok());
  ASSERT_EQ(report->refused.size(), 9u);
  EXPECT_EQ(report->refused[5].status.field(), "organizations");  // one organisation is not a collaboration
  EXPECT_EQ(report->refused[6].status.field(), "organizations[1]");  // no such organisation
  EXPECT_NE(report->refused[6].status.message().find("'nobody'"), std::string::npos);
  EXPECT_EQ(report->refused[7].status.field(), "lead");
  EXPECT_EQ(report->refused[8].status.field(), "year");
  EXPECT_EQ(env.store().GetCollaboration("c-2").status().code(), StatusCode::kNotFound);
  EXPECT_NE(report->refused[0].status.message().find("JSON object"), std::string::npos);
  EXPECT_EQ(report->refused[1].status.field(), "type");
  EXPECT_EQ(report->refused[2].status.field(), "time_zone");  // an event needs its zone
  EXPECT_EQ(report->refused[3].status.field(), "id");
  EXPECT_NE(report->refused[4].status.message().find("UTF-8"), std::string::npos);
}

TEST(InterchangeTest, EventsDelegatesAndRequestsComeAndGoWithOtherEventTools) {
  ServiceEnv env;
  // DESIGN.md's records, in an order another tool might write them: a
  // request before the delegates it names, delegates before their event.
  const std::string good =
      R"({"type":"organization","id":"org-a","name":{"en":"A"},"kind":"company","country":"CN"})" "\n"
      R"({"type":"organization","id":"org-b","name":{"en":"B"},"kind":"hospital","country":"RU"})" "\n"
      R"({"type":"meeting_request","id":"mr-1","event":"ev-1","from":"dl-1","to":"dl-2","priority":"must","status":"accepted"})" "\n"
      R"({"type":"delegate","id":"dl-1","event":"ev-1","organization":"org-a","name":"Anna","available_slots":["d1-0900"]})" "\n"
      R"({"type":"delegate","id":"dl-2","event":"ev-1","organization":"org-b","name":"Boris"})" "\n"
      R"({"type":"delegate","id":"dl-3","event":"ev-1","organization":"org-b","name":"Vera"})" "\n"
      R"({"type":"event","id":"ev-1","name":{"en":"Health-care week"},"time_zone":"Europe/Moscow","tables":150,)"
      R"("slots":[{"id":"d1-0900","start":"2026-06-16T09:00","end":"2026-06-16T09:30"}]})" "\n";
  const std::string bad =
      R"({"type":"event","id":"ev-2","name":{"en":"X"},"time_zone":"Mars/Olympus","slots":[{"id":"s","start":"2026-06-16T09:00","end":"2026-06-16T09:30"}]})" "\n"
      R"({"type":"delegate","id":"dl-9","event":"ev-1","organization":"org-a","name":"Ivan","available_slots":["d9"]})" "\n"
      R"({"type":"meeting_request","id":"mr-2","event":"ev-1","from":"dl-2","to":"dl-3"})" "\n"
      R"({"type":"meeting_request","id":"mr-3","event":"ev-1","from":"dl-1","to":"dl-1"})" "\n";
  std::istringstream in(good + bad);
  auto report = env.interchange.ImportJsonLines(kSystem, in, {});
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->created, 2u + 1 + 3 + 1);
  ASSERT_EQ(report->refused.size(), 4u);
  EXPECT_EQ(report->refused[0].line, 8u);
  EXPECT_EQ(report->refused[0].status.field(), "time_zone");
  EXPECT_NE(report->refused[1].status.message().find("'d9' is not a slot of event ev-1"), std::string::npos);
  EXPECT_NE(report->refused[2].status.message().find("colleagues"), std::string::npos);
  EXPECT_NE(report->refused[3].status.message().find("themself"), std::string::npos);
  EXPECT_EQ(env.store().GetMeetingRequest("mr-1")->priority, "must");
  // Export writes them back after the directory: event, its delegates, its requests.
  std::ostringstream out;
  ASSERT_TRUE(env.interchange.ExportJsonLines(kSystem, out).ok());
  const std::string exported = out.str();
  const auto at = [&](std::string_view what) { return exported.find(what); };
  ASSERT_NE(at(R"("type":"event")"), std::string::npos);
  EXPECT_LT(at(R"("type":"event")"), at(R"("type":"delegate")"));
  EXPECT_LT(at(R"("type":"delegate")"), at(R"("type":"meeting_request")"));
  // Importing the export again changes nothing.
  std::istringstream again(exported);
  auto second = env.interchange.ImportJsonLines(kSystem, again, {});
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->created + second->updated, 0u);
  EXPECT_TRUE(second->refused.empty());
}

TEST(InterchangeTest, OnlyPlatformAdminsImportAndExport) {
  ServiceEnv env;
  Principal alice = env.User("alice@example.org");
  std::istringstream in("");
  std::ostringstream out;
  EXPECT_EQ(env.interchange.ImportJsonLines(alice, in, {}).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(env.interchange.ExportJsonLines(alice, out).status().code(), StatusCode::kPermissionDenied);
}

const char* kRorHeader =
    "ror_id,name,name_zh,name_ru,names_other_lang,aliases,acronyms,country_code,country_name,city,types,established,"
    "website,wikidata,ror_release,schema\n";

TEST(InterchangeTest, ImportsRorKeepingChineseAndRussianNamesAsVariants) {
  ServiceEnv env;
  std::istringstream in(std::string(kRorHeader) +
                        "02v51f717,Peking University,北京大学,Пекинский университет,ja:北京大学 | xx-old:Peita,"
                        "\"Beida | PKU, Beijing\",PKU,CN,China,Beijing,education;funder,1898,https://www.pku.edu.cn,"
                        "Q16952,v1.0,v2\n"
                        "00abcde12,Clinic Nowhere,,,,,,QQ,Nowhere,X,healthcare,,,,v1,v2\n"
                        "05qwgg493,Boston Medical Center,,Бостонский медицинский центр | БМЦ,,,BMC,US,United States,"
                        "Boston,healthcare,1996,not-a-url,,v1,v2\n");
  auto report = env.interchange.ImportRorCsv(kSystem, in, {});
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->created, 2u);
  ASSERT_EQ(report->refused.size(), 1u);
  EXPECT_EQ(report->refused[0].line, 3u);
  EXPECT_EQ(report->refused[0].id, "ror:00abcde12");
  EXPECT_EQ(report->refused[0].status.field(), "country");

  auto pku = env.store().GetOrganization("ror:02v51f717");
  ASSERT_TRUE(pku.ok());
  EXPECT_EQ(*pku->name.Find("en"), "Peking University");
  EXPECT_EQ(*pku->name.Find("zh"), "北京大学");
  EXPECT_EQ(*pku->name.Find("ru"), "Пекинский университет");
  EXPECT_EQ(*pku->name.Find("ja"), "北京大学");
  EXPECT_EQ(pku->kind, "university");
  EXPECT_EQ(pku->country, "CN");
  EXPECT_EQ(*pku->city.Find("en"), "Beijing");
  EXPECT_EQ(pku->website, "https://www.pku.edu.cn");
  EXPECT_EQ(pku->extra.at("aliases"), json::parse(R"(["Beida","PKU, Beijing"])"));
  EXPECT_EQ(pku->extra.at("established"), 1898);
  EXPECT_EQ(pku->extra.at("other_names").at("xx-old"), "Peita");

  auto bmc = env.store().GetOrganization("ror:05qwgg493");
  EXPECT_EQ(bmc->kind, "hospital");
  EXPECT_EQ(*bmc->name.Find("ru"), "Бостонский медицинский центр");
  EXPECT_EQ(bmc->extra.at("aliases"), json::parse(R"(["БМЦ"])"));
  EXPECT_TRUE(bmc->website.empty());
}

TEST(InterchangeTest, RorImportNeedsItsColumns) {
  ServiceEnv env;
  std::istringstream in("id,title\n1,x\n");
  auto report = env.interchange.ImportRorCsv(kSystem, in, {});
  EXPECT_EQ(report.status().code(), StatusCode::kMalformed);
  EXPECT_NE(report.status().message().find("ror_id, name, country_code"), std::string::npos)
      << report.status().message();
}

// Certificates and documents travel with the directory: the export names
// each file by its hash and copies the bytes beside it; another installation
// imports both, and a document without its file is refused with the reason.
TEST(InterchangeTest, CertificatesAndDocumentsTravelWithTheirFiles) {
  ServiceEnv from;
  from.Organization("org-maker", "CN", "supplier");
  const Principal maker = from.User("li@maker.cn", {{"org-maker", domain::MembershipRole::kMember}});
  auto gmp = from.certificates.Create(maker, "org-maker", json::parse(R"({"kind": "gmp_nmpa", "issuer": "NMPA",
      "number": "ZJ20230045", "country": "CN", "products": ["Depth filters"], "issued_on": "2023-03-01",
      "expires_on": "2028-02-28"})"));
  ASSERT_TRUE(gmp.ok()) << gmp.status().ToString();
  const std::string pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\nGMP scan\n";
  auto scan = from.documents.Upload(maker, {.organization_id = "org-maker", .name = "GMP证书.pdf",
                                            .confidentiality = "members", .certificate_id = gmp->id}, pdf);
  ASSERT_TRUE(scan.ok()) << scan.status().ToString();
  std::ostringstream out;
  ASSERT_TRUE(from.interchange.ExportJsonLines(kSystem, out).ok());
  EXPECT_NE(out.str().find(R"("type":"certificate","id":")" + gmp->id), std::string::npos);
  EXPECT_NE(out.str().find(R"("type":"document","id":")" + scan->id), std::string::npos);
  biobridge::testing::TempDir files_dir;
  auto files = files::BlobStore::Open((files_dir.path() / "files").string());
  ASSERT_TRUE(files.ok());
  EXPECT_EQ(from.interchange.ExportFiles(maker, **files).status().code(), StatusCode::kPermissionDenied);
  ASSERT_EQ(*from.interchange.ExportFiles(kSystem, **files), 1u);

  // Without the files: the certificate lands, the document is refused, saying what to give.
  ServiceEnv bare;
  std::istringstream without(out.str());
  auto refused = bare.interchange.ImportJsonLines(kSystem, without, {});
  ASSERT_TRUE(refused.ok());
  ASSERT_EQ(refused->refused.size(), 1u);
  EXPECT_EQ(refused->refused[0].id, scan->id);
  EXPECT_EQ(refused->refused[0].status.field(), "sha256");
  EXPECT_NE(refused->refused[0].status.message().find("--files"), std::string::npos);
  EXPECT_TRUE(bare.store().GetCertificate(gmp->id).ok());

  ServiceEnv to;
  std::istringstream in(out.str());
  auto report = to.interchange.ImportJsonLines(kSystem, in, WithFiles(files->get()));
  ASSERT_TRUE(report.ok());
  ASSERT_TRUE(report->refused.empty()) << report->refused[0].status.ToString();
  EXPECT_EQ(report->created, 3u);  // the organisation, the certificate, the scan
  auto certificate = to.store().GetCertificate(gmp->id);
  ASSERT_TRUE(certificate.ok());
  EXPECT_EQ(certificate->number, "ZJ20230045");
  EXPECT_EQ(certificate->products, std::vector<std::string>{"Depth filters"});
  EXPECT_EQ(FormatDate(*certificate->expires_on), "2028-02-28");
  const Principal member = to.User("li@maker.cn", {{"org-maker", domain::MembershipRole::kMember}});
  auto copy = to.documents.Download(member, scan->id);
  ASSERT_TRUE(copy.ok()) << copy.status().ToString();
  EXPECT_EQ(copy->bytes, pdf);
  EXPECT_EQ(copy->document.name, "GMP证书.pdf");
  EXPECT_EQ(copy->document.confidentiality, "members");  // the tier travels with the file
  EXPECT_EQ(to.documents.Get(Principal::Anonymous(), scan->id).status().code(), StatusCode::kNotFound);

  // Again: nothing changes.
  std::istringstream again(out.str());
  auto second = to.interchange.ImportJsonLines(kSystem, again, WithFiles(files->get()));
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->unchanged, 3u);
  EXPECT_TRUE(second->refused.empty());

  // A damaged file in the directory is refused, not kept.
  std::filesystem::path blob = files_dir.path() / "files" / scan->sha256.substr(0, 2) /
                               scan->sha256.substr(2);
  ASSERT_TRUE(std::filesystem::exists(blob)) << blob;
  std::ofstream(blob, std::ios::trunc) << "not the file";
  ServiceEnv third;
  std::istringstream damaged(out.str());
  auto bad = third.interchange.ImportJsonLines(kSystem, damaged, WithFiles(files->get()));
  ASSERT_TRUE(bad.ok());
  ASSERT_EQ(bad->refused.size(), 1u);
  EXPECT_NE(bad->refused[0].status.message().find("damaged"), std::string::npos);
  EXPECT_EQ(third.store().GetDocument(scan->id).status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace biobridge::service
