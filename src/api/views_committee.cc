// JSON and HTML views of the expert committee.
#include <fmt/format.h>

#include <map>

#include "api/api.h"
#include "api/views.h"

#include "base/strings.h"
#include "domain/codec.h"

namespace biobridge::api {
namespace {

json::value Optional(const std::optional<double>& value) { return value ? json::value(*value) : json::value(nullptr); }


// The report's words in its three languages.
struct ReportWords {
  const char* title;
  const char* programme;
  const char* decision;
  const char* no_decision;
  const char* overall;
  const char* calibrated;
  const char* reviews;
  const char* disagreement;
  const char* criterion;
  const char* weight;
  const char* mean;
  const char* strengths;
  const char* risks;
  const char* recommendations;
  const char* partners;
  const char* none;
  const char* reviewer;
  const char* outcomes[3];  // accept, revise, reject
};

const ReportWords& Words(std::string_view language) {
  static const ReportWords en{"Prospect analysis", "Programme", "Committee decision", "No decision yet",
                              "Overall score", "Calibrated score", "Reviews", "Reviewers disagree",
                              "Criterion", "Weight", "Mean score", "Strengths", "Risks", "Recommendations",
                              "Complementary partners", "None", "Reviewer", {"Accept", "Revise", "Reject"}};
  static const ReportWords zh{"发展前景分析", "项目计划", "委员会决定", "尚未决定", "综合评分", "校准后评分", "评审数",
                              "评审意见分歧较大", "评审维度", "权重", "平均分", "优势", "风险", "评审建议",
                              "互补合作伙伴", "无", "评审人", {"通过", "修改后再议", "不通过"}};
  static const ReportWords ru{"Анализ перспектив развития", "Программа", "Решение комитета", "Решения пока нет",
                              "Итоговая оценка", "Калиброванная оценка", "Рецензий", "Мнения рецензентов расходятся",
                              "Критерий", "Вес", "Средняя оценка", "Сильные стороны", "Риски", "Рекомендации",
                              "Взаимодополняющие партнёры", "Нет", "Рецензент",
                              {"Одобрить", "Доработать", "Отклонить"}};
  if (language == "zh") return zh;
  if (language == "ru") return ru;
  return en;
}

std::string Outcome(const ReportWords& w, std::string_view outcome) {
  if (outcome == "accept") return w.outcomes[0];
  if (outcome == "revise") return w.outcomes[1];
  if (outcome == "reject") return w.outcomes[2];
  return std::string(outcome);
}

}  // namespace

json::object View(const domain::Expert& e) {
  json::object out = domain::ToJson(e);
  out.erase("type");
  domain::AddMeta(out, e.meta);
  return out;
}

json::object View(const service::ProjectView& v) {
  json::object out = domain::ToJson(v.project);
  out.erase("type");  // withheld fields are empty, and the codec leaves empty fields out
  out["role"] = v.role;
  out["applicant_hidden"] = v.applicant_hidden;
  domain::AddMeta(out, v.project.meta);
  return out;
}

json::object View(const domain::Committee& c) {
  json::object out = domain::ToJson(c);
  domain::AddMeta(out, c.meta);
  return out;
}

json::object View(const domain::Review& r) {
  json::object out = domain::ToJson(r);
  domain::AddMeta(out, r.meta);
  return out;
}

json::object View(const service::ReviewerStatus& r) {
  json::object out{{"expert", r.expert_id},
                   {"expert_name", r.expert_name},
                   {"status", r.status},
                   {"assigned", r.assigned},
                   {"weighted_score", Optional(r.weighted)}};
  if (r.last_saved) out["last_saved"] = FormatTimestamp(*r.last_saved);
  if (r.review) out["review"] = View(*r.review);
  return out;
}

json::object View(const service::ReviewerCandidate& c) {
  json::object out{{"expert", c.expert_id},          {"expert_name", c.expert_name},
                   {"affinity", c.affinity},         {"load", c.load},
                   {"assigned", c.assigned},         {"reads_language", c.reads_language},
                   {"review_status", c.review_status}, {"available", c.unavailable.empty()},
                   {"unavailable", c.unavailable},   {"conflict", nullptr}};
  if (c.conflict) {
    out["conflict"] = json::object{{"kind", c.conflict->kind}, {"level", c.conflict->level}, {"detail", c.conflict->detail}};
  }
  return out;
}

json::object View(const service::ConflictEntry& c) {
  return json::object{{"expert", c.expert_id},     {"expert_name", c.expert_name}, {"project", c.project_id},
                      {"kind", c.finding.kind},    {"level", c.finding.level},     {"detail", c.finding.detail},
                      {"assigned", c.assigned}};
}

json::object View(const domain::ProjectScores& s) {
  json::object criteria;
  for (const auto& [id, mean] : s.criteria) criteria[id] = mean;
  return json::object{{"project", s.project_id},         {"reviews", s.submitted},
                      {"overall", Optional(s.overall)},  {"calibrated", Optional(s.calibrated)},
                      {"criteria", std::move(criteria)}, {"spread", s.spread},
                      {"disagreement", s.disagreement}};
}

json::object View(const service::AssignedProject& a) {
  return json::object{{"programme", a.programme_id},
                      {"project", View(a.view)},
                      {"review_status", a.review_status},
                      {"review_version", a.review_version}};
}

json::object View(const service::ProspectReport& r) {
  json::array rubric;
  for (const domain::RubricCriterion& c : r.rubric) {
    rubric.push_back(json::object{{"id", c.id},
                                  {"name", std::string(c.name.Best({r.language, "en", "zh", "ru"}))},
                                  {"weight", c.weight},
                                  {"mean", r.scores.criteria.contains(c.id) ? json::value(r.scores.criteria.at(c.id))
                                                                            : json::value(nullptr)}});
  }
  auto remarks = [](const std::vector<service::ProspectReport::Remark>& list) {
    json::array out;
    for (const auto& remark : list) out.push_back(json::object{{"reviewer", remark.reviewer}, {"text", remark.text}});
    return out;
  };
  json::object recommendations;
  for (const auto& [outcome, n] : r.recommendations) recommendations[outcome] = n;
  json::array partners;
  for (const service::MatchItem& item : r.partners) partners.push_back(MatchItemView(item));
  json::object out{{"project", View(r.view)},
                   {"programme_name", r.programme_name},
                   {"language", r.language},
                   {"scores", View(r.scores)},
                   {"rubric", std::move(rubric)},
                   {"strengths", remarks(r.strengths)},
                   {"risks", remarks(r.risks)},
                   {"recommendations", std::move(recommendations)},
                   {"partners", std::move(partners)}};
  if (r.decision) {
    out["decision"] = json::object{{"outcome", r.decision->outcome},
                                   {"note", r.decision->note},
                                   {"decided_at", FormatTimestamp(r.decision->decided_at)}};
  } else {
    out["decision"] = nullptr;
  }
  return out;
}

std::string ReportHtml(const service::ProspectReport& r) {
  const ReportWords& w = Words(r.language);
  const std::string title(r.view.project.title.Best({r.language, r.view.project.language, "en", "zh", "ru"}));
  const std::string summary(r.view.project.summary.Best({r.language, r.view.project.language, "en", "zh", "ru"}));
  auto number = [](const std::optional<double>& x) { return x ? fmt::format("{:.2f}", *x) : std::string("—"); };
  std::string html = fmt::format(
      "<!doctype html>\n<html lang=\"{0}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{1} — {2}</title>\n"
      "<style>body{{font-family:system-ui,'Noto Sans CJK SC',sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;"
      "color:#1b1f24;line-height:1.5}}table{{border-collapse:collapse;width:100%}}th,td{{border-bottom:1px solid #d0d7de;"
      "padding:.4rem;text-align:left}}.flag{{color:#9a3412;font-weight:600}}</style>\n</head>\n<body>\n<main>\n"
      "<h1>{1}</h1>\n<p><strong>{2}</strong></p>\n<p>{3}: {4}</p>\n<p>{5}</p>\n",
      EscapeHtml(r.language), EscapeHtml(w.title), EscapeHtml(title), EscapeHtml(w.programme), EscapeHtml(r.programme_name), EscapeHtml(summary));
  html += fmt::format("<h2>{}</h2>\n<p>{}</p>\n", EscapeHtml(w.decision),
                      r.decision ? EscapeHtml(Outcome(w, r.decision->outcome)) +
                                       (r.decision->note.empty() ? "" : " — " + EscapeHtml(r.decision->note))
                                 : EscapeHtml(w.no_decision));
  html += fmt::format("<p>{}: <strong>{}</strong> · {}: {} · {}: {}</p>\n", EscapeHtml(w.overall), number(r.scores.overall),
                      EscapeHtml(w.calibrated), number(r.scores.calibrated), EscapeHtml(w.reviews), r.scores.submitted);
  if (r.scores.disagreement) html += fmt::format("<p class=\"flag\">{}</p>\n", EscapeHtml(w.disagreement));
  html += fmt::format("<table>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n", EscapeHtml(w.criterion),
                      EscapeHtml(w.weight), EscapeHtml(w.mean));
  for (const domain::RubricCriterion& c : r.rubric) {
    const auto mean = r.scores.criteria.find(c.id);
    html += fmt::format("<tr><td>{}</td><td>{:g}</td><td>{}</td></tr>\n",
                        EscapeHtml(c.name.Best({r.language, "en", "zh", "ru"})), c.weight,
                        mean == r.scores.criteria.end() ? "—" : fmt::format("{:.2f}", mean->second));
  }
  html += "</tbody>\n</table>\n";
  for (const auto& [heading, list] : {std::pair{w.strengths, &r.strengths}, std::pair{w.risks, &r.risks}}) {
    html += fmt::format("<h2>{}</h2>\n", EscapeHtml(heading));
    if (list->empty()) html += fmt::format("<p>{}</p>\n", EscapeHtml(w.none));
    html += "<ul>\n";
    for (const auto& remark : *list) {
      html += fmt::format("<li><strong>{} {}</strong>: {}</li>\n", EscapeHtml(w.reviewer), EscapeHtml(remark.reviewer), EscapeHtml(remark.text));
    }
    html += "</ul>\n";
  }
  html += fmt::format("<h2>{}</h2>\n<ul>\n", EscapeHtml(w.recommendations));
  for (const auto& [outcome, n] : r.recommendations) html += fmt::format("<li>{}: {}</li>\n", EscapeHtml(Outcome(w, outcome)), n);
  html += fmt::format("</ul>\n<h2>{}</h2>\n", EscapeHtml(w.partners));
  if (r.partners.empty()) html += fmt::format("<p>{}</p>\n", EscapeHtml(w.none));
  html += "<ol>\n";
  for (const service::MatchItem& item : r.partners) {
    html += fmt::format("<li><strong>{}</strong> ({}, {})", EscapeHtml(item.record.title), EscapeHtml(item.record.country),
                        EscapeHtml(item.record.kind));
    if (!item.reasons.empty()) html += " — " + EscapeHtml(item.reasons.front().text);
    html += "</li>\n";
  }
  html += "</ol>\n</main>\n</body>\n</html>\n";
  return html;
}

}  // namespace biobridge::api
