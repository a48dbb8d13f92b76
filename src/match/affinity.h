// Affinity of experts to projects from what they wrote: the expertise an
// expert documents (a statement, publications, past projects) against a
// project's text, in any of the three languages. Texts are analysed as the
// search index analyses them (search/analysis.h: Snowball stems, Han
// bigrams and words, vocabulary concepts with their generalisations), so
// that a Russian project and a Chinese expert meet on shared concepts.
//
// Each document is a tf-idf vector (1 + ln tf, idf over every document
// added), L2-normalised; a project's affinity to one expertise document is
// their cosine; an expert's affinity to a project aggregates over the
// expert's documents (by default the mean of the best three, which rewards
// an expert with several close papers over one lucky match).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "text/vocabulary.h"

namespace biobridge::match {

struct WeightedText {
  std::string text;
  double weight = 1;  // a title counts more than an abstract
};
using ExpertiseDocument = std::vector<WeightedText>;

enum class AffinityAggregate {
  kTopMean,  // mean of the `top` best documents (fewer when the expert has fewer)
  kMax,      // the best document
  kProfile,  // all of an expert's documents as one
};

struct AffinityOptions {
  AffinityAggregate aggregate = AffinityAggregate::kTopMean;
  int top = 3;
  double concept_weight = 1;  // concept terms against word terms
};

class AffinityIndex {
 public:
  explicit AffinityIndex(const text::Vocabulary& vocabulary);

  // Returns the index of the project / expert added.
  int AddProject(const ExpertiseDocument& project);
  int AddExpert(const std::vector<ExpertiseDocument>& documents);

  int projects() const { return static_cast<int>(projects_.size()); }
  int experts() const { return static_cast<int>(experts_.size()); }

  // projects × experts, row-major, each in [0, 1]; 0 for an expert with no
  // documents or nothing in common.
  std::vector<float> Compute(const AffinityOptions& options = {}) const;

 private:
  const text::Vocabulary& vocabulary_;
  std::vector<ExpertiseDocument> projects_;
  std::vector<std::vector<ExpertiseDocument>> experts_;
};

}  // namespace biobridge::match
