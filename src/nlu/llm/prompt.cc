#include "nlu/llm/prompt.h"

#include <algorithm>
#include <array>
#include <utility>

namespace aicc::nlu {

IntentCatalog::IntentCatalog(std::vector<IntentSpec> intents)
    : intents_(std::move(intents)), system_prompt_(build_system_prompt(intents_)) {}

bool IntentCatalog::contains(std::string_view name) const {
  return std::any_of(intents_.begin(), intents_.end(),
                     [&](const IntentSpec& spec) { return spec.name == name; });
}

IntentCatalog IntentCatalog::prototype_defaults() {
  return IntentCatalog({
      {"greeting",
       "인사, 안녕하세요, 처음 대화 시작",
       {"안녕하세요", "안녕", "반갑습니다", "처음 뵙겠습니다"}},
      {"product_inquiry",
       "상품 문의, 제품 정보, 가격, 스펙 문의",
       {"상품이 궁금해요", "가격이 얼마인가요", "스펙을 알고 싶어요"}},
      {"complaint",
       "불만, 항의, 문제 제기, 서비스 불만족",
       {"불만이 있어요", "서비스가 별로예요", "문제가 있어요"}},
      {"reservation",
       "예약, 예약 변경, 예약 취소",
       {"예약하고 싶어요", "예약을 변경하고 싶어요", "예약을 취소해주세요"}},
      {"cancel_request",
       "취소 요청, 환불 요청, 주문 취소",
       {"취소하고 싶어요", "환불해주세요", "주문을 취소해주세요"}},
      {"technical_support",
       "기술 지원, 사용법 문의, 오류 해결",
       {"사용법을 모르겠어요", "오류가 발생해요", "기술 지원이 필요해요"}},
      {"payment_inquiry",
       "결제 문의, 결제 방법, 결제 오류",
       {"결제가 안돼요", "결제 방법이 궁금해요", "결제 오류가 발생했어요"}},
      {"general_inquiry",
       "일반 문의, 기타 질문",
       {"문의가 있어요", "질문이 있어요", "도움이 필요해요"}},
  });
}

std::string build_system_prompt(const std::vector<IntentSpec>& intents) {
  std::string p =
      "\n당신은 한국어 고객센터 AI 어시스턴트입니다. 고객의 메시지를 분석하여 의도를 파악하고 "
      "적절한 응답을 제공해야 합니다.\n\n## 지원하는 의도 (Intent):\n";
  for (const auto& spec : intents) {
    p += "- " + spec.name + ": " + spec.description + " (예: ";
    const std::size_t n = std::min<std::size_t>(3, spec.examples.size());
    for (std::size_t i = 0; i < n; ++i) {
      if (i > 0) p += ", ";
      p += spec.examples[i];
    }
    p += ")\n";
  }
  p += "\n## 분석 규칙:\n"
       "1. 고객의 메시지에서 핵심 의도를 파악하세요\n"
       "2. 신뢰도(confidence)를 0.0~1.0 사이로 평가하세요\n"
       "3. 메시지에서 중요한 엔티티(이름, 날짜, 상품명 등)를 추출하세요\n"
       "4. 고객에게 도움이 되는 응답을 생성하세요\n"
       "5. 다음 단계 액션을 제안하세요\n"
       "\n## 응답 형식:\n"
       "반드시 다음 JSON 형식으로 응답하세요:\n"
       "{\n"
       "    \"intent\": \"의도명\",\n"
       "    \"confidence\": 0.0~1.0,\n"
       "    \"entities\": {\"엔티티명\": \"값\"},\n"
       "    \"reasoning\": \"분석 근거\",\n"
       "    \"response_text\": \"고객 응답 메시지\",\n"
       "    \"next_action\": \"다음 액션\",\n"
       "    \"suggested_actions\": [\"제안 액션1\", \"제안 액션2\"]\n"
       "}\n"
       "\n## 응답 가이드라인:\n"
       "- 친근하고 정중한 톤으로 응답하세요\n"
       "- 고객의 감정을 고려하여 공감적으로 응답하세요\n"
       "- 불만이나 문제 상황에서는 사과와 해결 의지를 표현하세요\n"
       "- 복잡한 문제는 상담원 연결을 제안하세요\n";
  return p;
}

std::string build_user_prompt(const LlmRequest& request) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 4> kContext = {{
      {"user_id", "고객 ID: "},
      {"last_intent", "이전 의도: "},
      {"conversation_stage", "대화 단계: "},
      {"customer_mood", "고객 감정: "},
  }};
  std::string context;
  for (const auto& [key, label] : kContext) {
    const auto it = request.session_attributes.find(std::string(key));
    if (it == request.session_attributes.end() || it->second.empty()) continue;
    if (!context.empty()) context += '\n';
    context.append(label).append(it->second);
  }
  if (context.empty()) context = "새로운 대화";
  return "\n## 대화 컨텍스트:\n" + context + "\n\n## 고객 메시지:\n\"" + request.text +
         "\"\n\n위 고객 메시지를 분석하여 JSON 형식으로 응답해주세요.\n";
}

}  // namespace aicc::nlu
