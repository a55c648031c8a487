#include "nlu/intent/features.h"

#include <algorithm>
#include <string>

#include <utf8proc.h>

namespace aicc::nlu {
namespace {

// FNV-1a over code points, seeded per feature family so that the word "a" and the
// character "a" are different features.
constexpr std::uint64_t kFnvPrime = 0x100000001b3ULL;
constexpr std::uint64_t kCharSeed = 0xcbf29ce484222325ULL;
constexpr std::uint64_t kWordSeed = 0x84222325cbf29ce4ULL;
constexpr std::uint64_t kBigramSeed = 0x9e3779b97f4a7c15ULL;
constexpr std::uint64_t kJamoSeed = 0x2545f4914f6cdd1dULL;
constexpr char32_t kBegin = U'<';
constexpr char32_t kEnd = U'>';
constexpr char32_t kWordGap = U' ';

std::uint64_t hash_span(std::uint64_t seed, const char32_t* begin, const char32_t* end) {
  std::uint64_t h = seed;
  for (const char32_t* p = begin; p != end; ++p) {
    h ^= static_cast<std::uint64_t>(*p);
    h *= kFnvPrime;
  }
  // final avalanche (splitmix64) so that nearby inputs spread over the table
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebULL;
  h ^= h >> 31;
  return h;
}

std::uint64_t tagged(std::uint64_t hash, FeatureFamily family) {
  return (hash & ~std::uint64_t{3}) | static_cast<std::uint64_t>(family);
}

bool is_word_char(utf8proc_int32_t cp) {
  const auto cat = utf8proc_category(cp);
  return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
         (cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME) ||
         (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO);
}

// Appends the conjoining jamo of a precomposed Hangul syllable (Unicode §3.12), or the
// character itself if it is not one. Returns whether it was Hangul.
bool append_jamo(char32_t c, std::u32string& out) {
  if (c >= 0xAC00 && c <= 0xD7A3) {
    const char32_t s = c - 0xAC00;
    out.push_back(0x1100 + s / (21 * 28));
    out.push_back(0x1161 + (s % (21 * 28)) / 28);
    if (s % 28 != 0) out.push_back(0x11A7 + s % 28);
    return true;
  }
  out.push_back(c);
  return c >= 0x1100 && c <= 0x11FF;
}

void emit_grams(std::uint64_t seed, const std::u32string& buf, int min_n, int max_n,
                std::vector<std::uint64_t>& out) {
  const auto len = static_cast<int>(buf.size());
  for (int n = min_n; n <= max_n; ++n) {
    for (int i = 0; i + n <= len; ++i) {
      if (n == 1 && (i == 0 || i == len - 1)) continue;  // a lone marker is not a feature
      out.push_back(tagged(hash_span(seed, buf.data() + i, buf.data() + i + n),
                           seed == kJamoSeed ? FeatureFamily::kJamo : FeatureFamily::kChar));
    }
  }
}

struct Token {
  std::size_t begin;  // index into the code point buffer
  std::size_t end;
  bool word;  // letters/digits (false: a single punctuation or symbol)
};

}  // namespace

float family_weight(const FeatureConfig& config, FeatureFamily family) {
  switch (family) {
    case FeatureFamily::kChar:
      return config.char_weight;
    case FeatureFamily::kWord:
      return config.word_weight;
    case FeatureFamily::kBigram:
      return config.bigram_weight;
    case FeatureFamily::kJamo:
      return config.jamo_weight;
  }
  return 1.0f;
}

void extract_features(std::string_view normalized, const FeatureConfig& config,
                      std::vector<std::uint64_t>& out) {
  // Decode once; tokens index into `cps`. Punctuation becomes one-character tokens: "?"
  // is weak but real evidence (question vs statement).
  std::u32string cps;
  std::vector<Token> tokens;
  cps.reserve(normalized.size());
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(normalized.data());
  auto remaining = static_cast<utf8proc_ssize_t>(normalized.size());
  bool in_word = false;
  while (remaining > 0) {
    utf8proc_int32_t cp = 0;
    const auto n = utf8proc_iterate(p, remaining, &cp);
    if (n <= 0) {
      p += 1;
      remaining -= 1;
      continue;
    }
    p += n;
    remaining -= n;
    if (cp == ' ') {
      in_word = false;
      continue;
    }
    const bool word = is_word_char(cp);
    if (word && utf8proc_category(cp) == UTF8PROC_CATEGORY_ND) cp = '0';
    if (word && in_word) {
      cps.push_back(static_cast<char32_t>(cp));
      tokens.back().end = cps.size();
      continue;
    }
    cps.push_back(static_cast<char32_t>(cp));
    tokens.push_back(Token{cps.size() - 1, cps.size(), word});
    in_word = word;
  }

  std::u32string buf;
  std::u32string jamo;
  for (std::size_t t = 0; t < tokens.size(); ++t) {
    const Token& tok = tokens[t];
    // Within-token grams on "<token>"; a lone marker is not a feature.
    buf.clear();
    buf.push_back(kBegin);
    buf.append(cps, tok.begin, tok.end - tok.begin);
    buf.push_back(kEnd);
    emit_grams(kCharSeed, buf, config.char_min_n, config.char_max_n, out);
    if (!tok.word) continue;
    if (config.jamo_max_n > 0) {
      jamo.assign(1, kBegin);
      bool hangul = false;
      for (std::size_t i = tok.begin; i < tok.end; ++i) hangul |= append_jamo(cps[i], jamo);
      jamo.push_back(kEnd);
      if (hangul) emit_grams(kJamoSeed, jamo, config.jamo_min_n, config.jamo_max_n, out);
    }
    if (config.word_unigrams) {
      out.push_back(tagged(hash_span(kWordSeed, cps.data() + tok.begin, cps.data() + tok.end),
                           FeatureFamily::kWord));
    }
    // Next word token (skipping punctuation) for bigrams and cross-boundary grams.
    std::size_t next = t + 1;
    while (next < tokens.size() && !tokens[next].word) ++next;
    if (next >= tokens.size()) continue;
    const Token& nxt = tokens[next];
    if (config.word_bigrams) {
      buf.assign(cps, tok.begin, tok.end - tok.begin);
      buf.push_back(kWordGap);
      buf.append(cps, nxt.begin, nxt.end - nxt.begin);
      out.push_back(tagged(hash_span(kBigramSeed, buf.data(), buf.data() + buf.size()),
                           FeatureFamily::kBigram));
    }
    // Grams spanning the gap between this token and the next, spaces removed: they hash
    // like inside-token grams, so "영업 시간" produces the "업시" that "영업시간" has.
    if (config.joined_max_n >= 2) {
      const std::size_t left = tok.end - tok.begin;
      const std::size_t right = nxt.end - nxt.begin;
      for (int n = std::max(2, config.joined_min_n); n <= config.joined_max_n; ++n) {
        buf.clear();
        const auto un = static_cast<std::size_t>(n);
        // a gram takes k ≥ 1 chars from the left token's tail and n-k ≥ 1 from the right
        for (std::size_t k = 1; k < un; ++k) {
          if (k > left || un - k > right) continue;
          buf.assign(cps, tok.end - k, k);
          buf.append(cps, nxt.begin, un - k);
          out.push_back(tagged(hash_span(kCharSeed, buf.data(), buf.data() + buf.size()),
                               FeatureFamily::kChar));
        }
      }
    }
  }
}

}  // namespace aicc::nlu
