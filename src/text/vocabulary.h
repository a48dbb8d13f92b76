// Vocabulary: the multilingual biomedical concepts BioBridge understands,
// and concept tagging, which maps text in English, Chinese or Russian to the
// concepts it mentions. Tagging is how a query in one language finds records
// written in another: "单克隆抗体", "monoclonal antibodies" and
// "моноклональные антитела" all become the concept `monoclonal_antibody`.
//
// The concepts are data (data/vocabulary/*.json, compiled into the binary):
// each has an id, a category, labels and synonyms in en, zh and ru (the
// first of each language is the preferred label), and optionally the
// therapeutic areas and modalities of the taxonomies it belongs to and the
// broader concepts it is a kind of. Every file names its public sources.
// Each therapeutic area code has a concept "area_<code>" and each modality
// code a concept of that id, so that taxonomy codes and text meet.
//
// Matching is on analysed words (tokenizer.h), so inflections meet
// ("моноклональных антител"); Han labels match character by character, so
// they are found whatever ICU's segmentation of the surrounding text;
// short labels written in capitals ("AIDS", "GMP", at most four letters)
// match only words written in capitals, except in queries, where people
// type in lower case. At each
// position the longest label wins, and mentions do not overlap.
//
// No vocabulary lists every medicine, but medicine names say their class:
// WHO's International Nonproprietary Names end in a stem for it ("-tinib"
// kinase inhibitors, "-mab" monoclonal antibodies, "-sartan" angiotensin
// receptor blockers), which Chinese and Russian approved names render the
// same way (芦可替尼 and руксолитиниб are ruxolitinib). A class concept may
// list those endings ("inn_stems"): a Latin or Cyrillic word outside any
// label that ends in one, after a root of at least three letters, mentions
// the class; so does a Han ending after at least two Han characters of the
// same run that no label took (the mention spans the ending and those two).
//
// A Vocabulary is immutable after loading and safe to share between threads.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "domain/localized_text.h"
#include "text/tokenizer.h"

namespace biobridge::text {

struct Concept {
  std::string id;
  std::string category;          // "therapeutic_area", "disease", "modality", "device", ...
  domain::LocalizedText labels;  // the preferred label per language (en, zh, ru)
  std::vector<std::string> synonyms;  // every other label, all languages
  std::vector<std::string> therapeutic_areas;  // taxonomy codes
  std::vector<std::string> modalities;         // taxonomy codes
  std::vector<std::string> broader;            // concept ids
  std::vector<std::string> inn_stems;          // word endings naming a member: "tinib", "тиниб", "替尼"
};

struct ConceptMention {
  std::uint32_t concept_index = 0;  // into Vocabulary::concepts()
  std::size_t first_token = 0;      // token range, inclusive
  std::size_t last_token = 0;
  std::uint32_t begin = 0;  // byte range in the tagged text
  std::uint32_t end = 0;
};

enum class TagMode {
  kDocument,  // capitals-only labels need capitals in the text
  kQuery,     // people type acronyms in lower case: "hiv", "gmp"
};

class Vocabulary {
 public:
  // Parses vocabulary files (the JSON form of data/vocabulary/*.json).
  // kInvalidArgument, naming the file and concept, for: a duplicate id, a
  // language without labels, an unknown taxonomy code or broader concept, a
  // label that gives no words, or one label given to two concepts; an INN
  // stem that is not three letters or two Han characters or more of one
  // script, or that two concepts give.
  static Result<Vocabulary> FromJson(std::span<const std::string_view> files);
  // The vocabulary shipped in the binary, parsed on first use.
  static const Vocabulary& Builtin();

  Vocabulary(Vocabulary&&) noexcept;
  Vocabulary& operator=(Vocabulary&&) noexcept;
  ~Vocabulary();

  const std::vector<Concept>& concepts() const;
  const Concept* Find(std::string_view id) const;
  // Index of the concept with `id`, or -1.
  std::int32_t IndexOf(std::string_view id) const;
  // The concept's broader concepts, their broader ones and so on (indexes,
  // without the concept itself, each once).
  std::vector<std::uint32_t> Ancestors(std::uint32_t concept_index) const;
  // What a mention of the concept also says: its ancestors, plus the
  // concepts of the therapeutic areas and modalities it belongs to (the
  // concept with id "area_<code>" per area code, and the concept with the
  // modality code as id, where the vocabulary has them), and theirs.
  // Computed once at loading.
  const std::vector<std::uint32_t>& Generalizations(std::uint32_t concept_index) const;
  // Names of the source files and their "source" statements.
  const std::vector<std::pair<std::string, std::string>>& sources() const;
  // A hash of the files it was read from (FNV-1a, 64 bits): an index built
  // with another vocabulary has other concept terms (search/search_index.h).
  std::uint64_t fingerprint() const;

  std::vector<ConceptMention> Tag(const std::vector<Token>& tokens, TagMode mode = TagMode::kDocument) const;
  std::vector<ConceptMention> Tag(std::string_view text, TagMode mode = TagMode::kDocument) const;

 private:
  struct Data;
  explicit Vocabulary(std::unique_ptr<Data> data);
  std::unique_ptr<Data> data_;
};

}  // namespace biobridge::text
