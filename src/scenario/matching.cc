#include "scenario/matching.h"

#include <algorithm>
#include <array>

#include "nlu/text/normalize.h"

namespace aicc::scenario {

namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() > suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Endings a Korean answer often carries after the word itself. Longest first, so that
// "이에요" is removed whole rather than leaving "이에".
constexpr std::array<std::string_view, 13> kAnswerEndings{
    "입니다", "이에요", "이요", "예요", "으로요", "으로", "로요",
    "번이요", "번요",   "번",   "요",   "로",     "이오"};

// Endings of a cancel command: "취소" + "할게요", "해 주세요", …
constexpr std::array<std::string_view, 15> kCancelEndings{
    "",       "요",   "할게요", "할께요",     "할래요", "해요", "해주세요", "해줘",
    "합니다", "하기", "해",     "하겠습니다", "please", "it",   "it,please"};

const std::vector<std::string> kYesWords{"네",       "예",     "응",     "넵",   "네네", "맞아요",
                                         "맞습니다", "좋아요", "그래요", "확인", "yes",  "y",
                                         "yeah",     "yep",    "ok",     "okay", "sure", "correct"};
const std::vector<std::string> kNoWords{"아니요", "아니오", "아뇨", "아니", "아니에요",
                                        "싫어요", "no",     "n",    "nope", "nah"};

bool key_in(const std::string& key, const std::vector<std::string>& words) {
  return std::any_of(words.begin(), words.end(),
                     [&](const std::string& w) { return match_key(w) == key; });
}

bool option_has_key(const ChoiceOption& option, std::size_t position, const std::string& key) {
  if (key == std::to_string(position)) return true;
  if (match_key(option.value) == key) return true;
  if (!option.label.ko.empty() && match_key(option.label.ko) == key) return true;
  if (!option.label.en.empty() && match_key(option.label.en) == key) return true;
  return key_in(key, option.synonyms.ko) || key_in(key, option.synonyms.en);
}

// The option matching exactly one of the answer's keys, trying the plainest key first.
const ChoiceOption* find_option(const std::vector<ChoiceOption>& options, std::string_view answer) {
  for (const auto& key : answer_keys(answer)) {
    const ChoiceOption* found = nullptr;
    int hits = 0;
    for (std::size_t i = 0; i < options.size(); ++i) {
      if (option_has_key(options[i], i + 1, key)) {
        found = &options[i];
        ++hits;
      }
    }
    if (hits == 1) return found;
    if (hits > 1) return nullptr;  // ambiguous: better to ask again than to guess
  }
  return nullptr;
}

}  // namespace

std::string match_key(std::string_view text) {
  const std::string normalized = nlu::normalize_text(text);
  std::string key;
  key.reserve(normalized.size());
  for (char c : normalized) {
    if (c != ' ') key += c;
  }
  while (!key.empty() && std::string_view(".,!?~").find(key.back()) != std::string_view::npos) {
    key.pop_back();
  }
  return key;
}

std::vector<std::string> answer_keys(std::string_view answer) {
  std::vector<std::string> keys;
  std::string key = match_key(answer);
  if (key.empty()) return keys;
  keys.push_back(key);
  for (std::string_view ending : kAnswerEndings) {
    if (ends_with(key, ending)) {
      keys.push_back(key.substr(0, key.size() - ending.size()));
      break;
    }
  }
  return keys;
}

const ChoiceOption* match_option(const Step& step, std::string_view answer) {
  return find_option(step.options, answer);
}

std::optional<std::string> match_yes_no(const Step& step, std::string_view answer) {
  if (const ChoiceOption* option = find_option(step.options, answer)) return option->value;
  for (const auto& key : answer_keys(answer)) {
    if (key_in(key, kYesWords)) return std::string("yes");
    if (key_in(key, kNoWords)) return std::string("no");
  }
  return std::nullopt;
}

bool step_claims_answer(const Step& step, std::string_view answer) {
  switch (step.type) {
    case InputType::kChoice:
      return match_option(step, answer) != nullptr;
    case InputType::kYesNo:
      return match_yes_no(step, answer).has_value();
    default:
      return false;
  }
}

const std::vector<std::string>& default_cancel_words() {
  static const std::vector<std::string> kWords{"취소", "그만", "중단", "cancel", "stop", "quit"};
  return kWords;
}

bool is_cancel_input(std::string_view answer, const std::vector<std::string>& words) {
  std::string key = match_key(answer);
  if (key.rfind("please", 0) == 0) key.erase(0, 6);  // "please stop"
  if (key.empty()) return false;
  for (const auto& word : words) {
    const std::string w = match_key(word);
    if (w.empty() || key.rfind(w, 0) != 0) continue;
    const std::string_view rest = std::string_view(key).substr(w.size());
    if (std::find(kCancelEndings.begin(), kCancelEndings.end(), rest) != kCancelEndings.end()) {
      return true;
    }
  }
  return false;
}

}  // namespace aicc::scenario
