// Sound skeletons: where a Russian word and its Latin-script original meet.
//
// Russian writes international names — medicines above all (INNs), but also
// companies and methods — by sound: гидроксихлорохин is hydroxychloroquine,
// тоцилизумаб tocilizumab, фавипиравир favipiravir. A vocabulary cannot list
// every new molecule, so both spellings are reduced to the same key: the
// sequence of their consonant classes, vowels dropped and repeats merged
// (hydroxychloroquine → KDRKSKLRKN = гидроксихлорохин). The classes follow
// how Russian renders Latin spellings: c is K before a, o, u and S before
// e, i, y (ц); g, h, ch, kh, qu are one class (г, х); s and z are one (с, з,
// intervocalic s → з); ph is f; th is t; x is ks.
//
// A key is made only for words long enough to say something (seven letters
// or more, four consonant classes or more): short words collide.
// Thread-safe (pure functions).
#pragma once

#include <string>
#include <string_view>

namespace biobridge::text {

enum class Script { kOther, kLatin, kCyrillic };

struct SoundSkeleton {
  Script script = Script::kOther;
  std::string key;  // empty: no key for this word
};

// `word` normalised (lower case, ё as е: normalize.h); a word mixing
// scripts, or with letters outside basic Latin and Russian Cyrillic, has none.
SoundSkeleton SoundSkeletonOf(std::string_view word);

}  // namespace biobridge::text
