// Countries named in free text, in English, Chinese or Russian ("in
// Kazakhstan", "在俄罗斯", "в России"), for reading a need written as text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/taxonomy.h"

namespace biobridge::match {

// ISO 3166-1 alpha-2 codes, in order of first mention, each once. Names are
// the taxonomy's labels plus common short forms ("Russia", "UK", "韩国");
// words are compared by stem, so inflected Russian names are found; the
// longest name wins ("白俄罗斯" is Belarus, not Russia).
std::vector<std::string> CountriesNamedIn(std::string_view text, const domain::Taxonomies& taxonomies);

}  // namespace biobridge::match
