// Country innovation indicators: life-science papers, patents, innovative-drug
// and device approvals by country and year, each figure with the report it
// comes from (data/indicators/indicators.json). A country or year without a
// sourced figure has none: it is shown as unknown, never estimated.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/json.h"
#include "domain/localized_text.h"

namespace biobridge::domain {

struct IndicatorDefinition {
  std::string code;
  LocalizedText labels;
  std::string unit;
};

struct IndicatorFigure {
  std::string country;
  int year = 0;
  std::string indicator;
  double value = 0;
  std::string source_title;
  std::string source_url;
};

struct Indicators {
  std::vector<IndicatorDefinition> definitions;
  std::vector<IndicatorFigure> figures;
};

// The shipped table, parsed and checked once (every figure of a known
// country and indicator, a year, a value of at least 0 and a source).
const Indicators& BuiltinIndicators();

}  // namespace biobridge::domain
