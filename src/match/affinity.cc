#include "match/affinity.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "search/analysis.h"

namespace biobridge::match {
namespace {

using SparseVector = std::vector<std::pair<std::uint32_t, float>>;  // sorted by term id

class Dictionary {
 public:
  std::uint32_t Id(const std::string& term) {
    return ids_.emplace(term, static_cast<std::uint32_t>(ids_.size())).first->second;
  }
  std::size_t size() const { return ids_.size(); }

 private:
  std::unordered_map<std::string, std::uint32_t> ids_;
};

// Raw weighted term frequencies of a document (titles weigh more).
SparseVector Analyze(const ExpertiseDocument& document, double concept_weight, const text::Vocabulary& vocabulary,
                     Dictionary& dictionary) {
  std::unordered_map<std::uint32_t, double> tf;
  for (const WeightedText& part : document) {
    const search::TermProfile profile = search::AnalyzeText(part.text, part.weight, vocabulary);
    for (const auto& [term, weight] : profile.terms) {
      // Two texts compared word for word would meet twice on a long word
      // through its sound skeleton (search/analysis.h): words only.
      if (!search::IsSoundSkeletonTerm(term)) tf[dictionary.Id(term)] += weight;
    }
    for (const auto& [concept_index, weight] : profile.concepts) {
      tf[dictionary.Id(search::ConceptTerm(vocabulary.concepts()[concept_index].id))] += weight * concept_weight;
    }
  }
  SparseVector v;
  for (const auto& [term, weight] : tf) {
    if (weight > 0) v.emplace_back(term, static_cast<float>(weight));  // a zero weight leaves the term out
  }
  std::sort(v.begin(), v.end());
  return v;
}

// 1 + ln tf, times idf, L2-normalised.
void Weigh(SparseVector& v, const std::vector<float>& idf) {
  double norm = 0;
  for (auto& [term, w] : v) {
    w = static_cast<float>((1 + std::log(std::max(1.0, double(w)))) * idf[term]);
    norm += double(w) * w;
  }
  if (norm == 0) return;
  const float scale = static_cast<float>(1 / std::sqrt(norm));
  for (auto& entry : v) entry.second *= scale;
}

}  // namespace

AffinityIndex::AffinityIndex(const text::Vocabulary& vocabulary) : vocabulary_(vocabulary) {}

int AffinityIndex::AddProject(const ExpertiseDocument& project) {
  projects_.push_back(project);
  return static_cast<int>(projects_.size()) - 1;
}

int AffinityIndex::AddExpert(const std::vector<ExpertiseDocument>& documents) {
  experts_.push_back(documents);
  return static_cast<int>(experts_.size()) - 1;
}

std::vector<float> AffinityIndex::Compute(const AffinityOptions& options) const {
  Dictionary dictionary;
  std::vector<SparseVector> project_vectors;
  for (const ExpertiseDocument& p : projects_) {
    project_vectors.push_back(Analyze(p, options.concept_weight, vocabulary_, dictionary));
  }
  // Expertise documents, each tagged with its expert; a profile merges them.
  std::vector<SparseVector> documents;
  std::vector<int> owner;
  for (std::size_t e = 0; e < experts_.size(); ++e) {
    if (options.aggregate == AffinityAggregate::kProfile) {
      ExpertiseDocument merged;
      for (const ExpertiseDocument& d : experts_[e]) merged.insert(merged.end(), d.begin(), d.end());
      if (merged.empty()) continue;
      documents.push_back(Analyze(merged, options.concept_weight, vocabulary_, dictionary));
      owner.push_back(int(e));
      continue;
    }
    for (const ExpertiseDocument& d : experts_[e]) {
      documents.push_back(Analyze(d, options.concept_weight, vocabulary_, dictionary));
      owner.push_back(int(e));
    }
  }
  // Document frequency over every document, projects and expertise alike.
  std::vector<float> df(dictionary.size(), 0);
  for (const auto* set : {&project_vectors, &documents}) {
    for (const SparseVector& v : *set) {
      for (const auto& [term, w] : v) ++df[term];
    }
  }
  const double n = double(project_vectors.size() + documents.size());
  std::vector<float> idf(df.size());
  for (std::size_t t = 0; t < df.size(); ++t) idf[t] = static_cast<float>(std::log(1 + n / df[t]));
  for (SparseVector& v : project_vectors) Weigh(v, idf);
  for (SparseVector& v : documents) Weigh(v, idf);

  // Inverted index over the expertise documents.
  std::vector<std::vector<std::pair<std::uint32_t, float>>> postings(dictionary.size());
  for (std::size_t d = 0; d < documents.size(); ++d) {
    for (const auto& [term, w] : documents[d]) postings[term].emplace_back(std::uint32_t(d), w);
  }
  const std::size_t E = experts_.size();
  std::vector<float> matrix(projects_.size() * E, 0.0f);
  std::vector<float> cosine(documents.size());
  std::vector<std::vector<float>> per_expert(E);
  const std::size_t top = std::size_t(std::max(1, options.top));
  for (std::size_t j = 0; j < project_vectors.size(); ++j) {
    std::fill(cosine.begin(), cosine.end(), 0.0f);
    for (const auto& [term, w] : project_vectors[j]) {
      for (const auto& [d, dw] : postings[term]) cosine[d] += w * dw;
    }
    for (auto& scores : per_expert) scores.clear();
    for (std::size_t d = 0; d < documents.size(); ++d) per_expert[std::size_t(owner[d])].push_back(cosine[d]);
    for (std::size_t e = 0; e < E; ++e) {
      std::vector<float>& scores = per_expert[e];
      if (scores.empty()) continue;
      float value = 0;
      if (options.aggregate == AffinityAggregate::kTopMean) {
        const std::size_t m = std::min(top, scores.size());
        std::partial_sort(scores.begin(), scores.begin() + std::ptrdiff_t(m), scores.end(), std::greater<>());
        for (std::size_t i = 0; i < m; ++i) value += scores[i];
        value /= float(m);
      } else {
        value = *std::max_element(scores.begin(), scores.end());
      }
      matrix[j * E + e] = std::min(1.0f, value);
    }
  }
  return matrix;
}

}  // namespace biobridge::match
