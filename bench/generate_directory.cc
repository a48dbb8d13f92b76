// Writes a synthetic directory in the interchange format (JSON Lines) for
// benchmarks: first the organisations, then opportunities that refer to them.
// Deterministic for a given seed. Every record passes validation.
//
//   bb_generate_directory --organizations 400000 --opportunities 600000 --seed 1 > directory.jsonl
//
// With --concepts N, every description also names N concepts of the
// vocabulary (data/vocabulary) drawn at random, in each language: a varied
// text for search benchmarks (the import benchmark runs without it).
#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "domain/codec.h"
#include "text/vocabulary.h"

namespace {

using biobridge::json::serialize;
using biobridge::domain::LocalizedText;

struct Vocabulary {
  std::vector<std::string> en, zh, ru;
};

const Vocabulary kStems = {
    {"Neva", "Volga", "Amur", "Altai", "Baikal", "Ural", "Tian", "Hua", "Kang", "Jin", "Nord", "Sibir"},
    {"涅瓦", "伏尔加", "阿穆尔", "阿尔泰", "贝加尔", "乌拉尔", "天", "华", "康", "金", "北", "西伯"},
    {"Нева", "Волга", "Амур", "Алтай", "Байкал", "Урал", "Тянь", "Хуа", "Кан", "Цзинь", "Норд", "Сибирь"}};
const Vocabulary kSuffixes = {{"Bio", "Pharma", "Medical", "Genomics", "Cell", "Vita", "Care", "Labs"},
                              {"生物", "制药", "医疗", "基因", "细胞", "维他", "健康", "实验室"},
                              {"Био", "Фарма", "Медикал", "Геномикс", "Селл", "Вита", "Кэр", "Лабс"}};
const Vocabulary kTopics = {
    {"monoclonal antibodies for solid tumours", "rehabilitation robots after stroke", "depth filtration for vaccines",
     "diagnostic kits for viral infections", "biosimilars of insulin", "cell therapy manufacturing",
     "AI reading of chest CT", "GMP production of generics"},
    {"实体瘤单克隆抗体", "脑卒中康复机器人", "疫苗深层过滤", "病毒感染诊断试剂盒", "胰岛素生物类似药", "细胞治疗生产",
     "胸部CT人工智能阅片", "仿制药GMP生产"},
    {"моноклональные антитела при солидных опухолях", "реабилитационные роботы после инсульта",
     "глубинная фильтрация для вакцин", "диагностические наборы для вирусных инфекций", "биоаналоги инсулина",
     "производство клеточной терапии", "ИИ для анализа КТ грудной клетки", "производство дженериков по GMP"}};

const char* kCountries[] = {"CN", "RU", "KZ", "UZ", "KG", "BY", "AM", "IN", "IR", "PK", "DE", "FR", "IT", "DK", "SE", "IL", "TR", "AE", "SG", "US"};
const char* kKinds[] = {"company", "hospital", "university", "research_institute", "investor", "supplier", "distributor"};
const char* kAreas[] = {"oncology", "cardiovascular", "metabolic_endocrine", "neurology", "infectious_diseases",
                        "immunology", "rehabilitation", "rare_diseases", "respiratory", "hematology"};
const char* kModalities[] = {"small_molecule", "monoclonal_antibody", "vaccine", "medical_device", "in_vitro_diagnostics",
                             "bioprocess_equipment", "cell_therapy", "digital_health", "generic_drug", "cdmo_services"};
const char* kCooperation[] = {"licensing_in", "licensing_out", "co_development", "distribution", "market_entry",
                              "joint_venture", "investment", "supply", "manufacturing", "clinical_trial",
                              "research_collaboration", "technology_transfer"};
const char* kStages[] = {"discovery", "preclinical", "clinical_phase1", "clinical_phase2", "clinical_phase3",
                         "registration", "marketed", "not_applicable"};

class Generator {
 public:
  explicit Generator(std::uint64_t seed) : rng_(seed) {}

  template <std::size_t N>
  const char* Pick(const char* const (&items)[N]) { return items[Below(N)]; }
  std::size_t Below(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_); }

  template <std::size_t N>
  std::vector<std::string> Some(const char* const (&items)[N], std::size_t max) {
    std::vector<std::string> out;
    const std::size_t count = 1 + Below(max);
    const std::size_t start = Below(N);
    for (std::size_t i = 0; i < count; ++i) out.emplace_back(items[(start + i) % N]);
    return out;
  }

  LocalizedText Name(std::size_t n) {
    const std::size_t stem = Below(kStems.en.size()), suffix = Below(kSuffixes.en.size());
    return {{"en", fmt::format("{} {} {}", kStems.en[stem], kSuffixes.en[suffix], n)},
            {"zh", fmt::format("{}{}{}", kStems.zh[stem], kSuffixes.zh[suffix], n)},
            {"ru", fmt::format("{} {} {}", kStems.ru[stem], kSuffixes.ru[suffix], n)}};
  }

  // Appends `count` random concept labels to each variant of `text`.
  void AddConcepts(LocalizedText& text, std::size_t count) {
    const auto& concepts = biobridge::text::Vocabulary::Builtin().concepts();
    std::vector<const biobridge::text::Concept*> picked;
    for (std::size_t i = 0; i < count; ++i) picked.push_back(&concepts[Below(concepts.size())]);
    for (const char* language : {"en", "zh", "ru"}) {
      const bool zh = language == std::string_view("zh");
      std::string extra = zh ? "另外：" : language == std::string_view("ru") ? " Также: " : " Also: ";
      for (std::size_t i = 0; i < picked.size(); ++i) {
        extra += (i == 0 ? "" : zh ? "、" : ", ") + std::string(picked[i]->labels.Best({language}));
      }
      text.Set(language, *text.Find(language) + extra + (zh ? "。" : "."));
    }
  }

  LocalizedText Text(const char* en, const char* zh, const char* ru) {
    const std::size_t topic = Below(kTopics.en.size());
    return {{"en", fmt::format(fmt::runtime(en), kTopics.en[topic])},
            {"zh", fmt::format(fmt::runtime(zh), kTopics.zh[topic])},
            {"ru", fmt::format(fmt::runtime(ru), kTopics.ru[topic])}};
  }

 private:
  std::mt19937_64 rng_;
};

}  // namespace

int main(int argc, char** argv) {
  std::size_t organizations = 1000, opportunities = 1500;
  std::uint64_t seed = 1;
  std::size_t concepts = 0;
  std::string prefix = "gen";  // of ids: <prefix>-org-0000001, <prefix>-opp-0000001
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--organizations")) organizations = std::strtoull(argv[i + 1], nullptr, 10);
    else if (!std::strcmp(argv[i], "--opportunities")) opportunities = std::strtoull(argv[i + 1], nullptr, 10);
    else if (!std::strcmp(argv[i], "--seed")) seed = std::strtoull(argv[i + 1], nullptr, 10);
    else if (!std::strcmp(argv[i], "--concepts")) concepts = std::strtoull(argv[i + 1], nullptr, 10);
    else if (!std::strcmp(argv[i], "--id-prefix")) prefix = argv[i + 1];
    else {
      std::fprintf(stderr, "usage: %s [--organizations N] [--opportunities N] [--seed S] [--concepts N] "
                   "[--id-prefix P]\n", argv[0]);
      return 2;
    }
  }
  if (organizations == 0 && opportunities > 0) {
    std::fprintf(stderr, "opportunities need at least one organisation\n");
    return 2;
  }
  Generator g(seed);
  std::string line;
  for (std::size_t i = 0; i < organizations; ++i) {
    biobridge::domain::Organization o;
    o.id = fmt::format("{}-org-{:07}", prefix, i);
    o.name = g.Name(i);
    o.kind = g.Pick(kKinds);
    o.country = g.Pick(kCountries);
    o.description = g.Text("We work on {} and look for partners across borders.", "我们专注于{}，寻求跨境合作伙伴。",
                           "Мы работаем в области: {}, и ищем партнёров за рубежом.");
    if (concepts > 0) g.AddConcepts(o.description, concepts);
    o.therapeutic_areas = g.Some(kAreas, 3);
    o.modalities = g.Some(kModalities, 2);
    o.markets = g.Some(kCountries, 3);
    line = serialize(biobridge::domain::ToJson(o));
    line += '\n';
    std::fwrite(line.data(), 1, line.size(), stdout);
  }
  for (std::size_t i = 0; i < opportunities; ++i) {
    biobridge::domain::Opportunity o;
    o.id = fmt::format("{}-opp-{:07}", prefix, i);
    o.organization_id = fmt::format("{}-org-{:07}", prefix, g.Below(organizations));
    o.direction = g.Below(2) ? "offer" : "request";
    o.cooperation = g.Some(kCooperation, 2);
    o.title = g.Text("Partners for {}", "寻求{}合作伙伴", "Партнёры: {}");
    o.description = g.Text("Cooperation on {}: clinical, regulatory and commercial partners are welcome.",
                           "围绕{}开展合作：欢迎临床、注册和商业合作伙伴。",
                           "Сотрудничество по теме «{}»: приглашаем клинических, регуляторных и коммерческих партнёров.");
    if (concepts > 0) g.AddConcepts(o.description, concepts);
    o.stage = g.Pick(kStages);
    o.therapeutic_areas = g.Some(kAreas, 2);
    o.modalities = g.Some(kModalities, 2);
    o.target_countries = g.Some(kCountries, 3);
    line = serialize(biobridge::domain::ToJson(o));
    line += '\n';
    std::fwrite(line.data(), 1, line.size(), stdout);
  }
  return 0;
}
