// UI texts in Korean and English. The bot's own texts come from the server in the
// conversation's language; these are the labels around them.
import { fill, type Lang, type Vars } from './translate';

export type { Lang };

const texts = {
  ko: {
    launcher_open: '상담 채팅 열기',
    launcher_close: '상담 채팅 닫기',
    title: '고객 상담',
    close: '닫기',
    log_label: '대화 내용',
    input_label: '메시지 입력',
    input_placeholder: '메시지를 입력하세요',
    send: '보내기',
    you: '나',
    bot: '챗봇',
    agent: '상담원',
    system: '안내',
    typing: '답변을 입력하고 있습니다',
    quick_replies: '빠른 답변',
    helpful_question: '도움이 되었나요?',
    helpful_yes: '도움이 되었어요',
    helpful_no: '도움이 되지 않았어요',
    helpful_thanks: '의견을 보내 주셔서 감사합니다.',
    progress: '진행 {step}/{steps}단계',
    handoff_waiting: '상담원 연결 대기 중',
    handoff_waiting_hint: '곧 상담원이 연결됩니다. 창을 닫아도 대화는 유지됩니다.',
    handoff_assigned: '상담원 연결',
    handoff_assigned_hint: '상담원과 연결되었습니다. 지금부터 상담원이 답변합니다.',
    queue_position: '대기 순번: {position}번째',
    queue_wait: '예상 대기시간: 약 {minutes}분',
    queue_offering: '상담원에게 연결하는 중입니다…',
    cancel_wait: '대기 취소',
    cancel_done: '상담원 연결 대기를 취소했습니다. 챗봇과 계속 대화할 수 있습니다.',
    cancel_already_connected: '이미 상담원과 연결되어 취소할 수 없습니다.',
    cancel_failed: '취소하지 못했습니다. 잠시 후 다시 시도해 주세요.',
    callback_title: '전화 상담 예약',
    callback_label: '연락받을 전화번호',
    callback_submit: '전화 요청',
    callback_booked: '{phone} 번호로 상담원이 전화드리겠습니다.',
    callback_failed: '요청하지 못했습니다. 잠시 후 다시 시도해 주세요.',
    csat_question: '상담은 만족스러우셨나요?',
    csat_star: '5점 중 {score}점',
    csat_thanks: '평가해 주셔서 감사합니다.',
    csat_failed: '평가를 보내지 못했습니다. 다시 시도해 주세요.',
    closed: '대화가 종료되었습니다.',
    new_conversation: '새 대화 시작',
    reconnecting: '연결이 끊어졌습니다. 다시 연결하는 중…',
    send_failed: '전송하지 못했습니다.',
    retry: '다시 보내기',
    start_failed: '상담을 시작하지 못했습니다. 잠시 후 다시 시도해 주세요.',
  },
  en: {
    launcher_open: 'Open chat',
    launcher_close: 'Close chat',
    title: 'Customer support',
    close: 'Close',
    log_label: 'Conversation',
    input_label: 'Your message',
    input_placeholder: 'Type a message',
    send: 'Send',
    you: 'You',
    bot: 'Bot',
    agent: 'Agent',
    system: 'Notice',
    typing: 'Typing a reply',
    quick_replies: 'Quick replies',
    helpful_question: 'Was this helpful?',
    helpful_yes: 'Helpful',
    helpful_no: 'Not helpful',
    helpful_thanks: 'Thank you for your feedback.',
    progress: 'Step {step} of {steps}',
    handoff_waiting: 'Waiting for an agent',
    handoff_waiting_hint: 'An agent will join shortly. The conversation stays if you close this window.',
    handoff_assigned: 'Agent connected',
    handoff_assigned_hint: 'An agent has joined the conversation and answers from now on.',
    queue_position: 'Position in queue: {position}',
    queue_wait: 'Estimated wait: about {minutes} min',
    queue_offering: 'Connecting you to an agent…',
    cancel_wait: 'Stop waiting',
    cancel_done: 'You stopped waiting for an agent. You can keep chatting with the bot.',
    cancel_already_connected: 'An agent is already connected; the wait cannot be cancelled.',
    cancel_failed: 'Could not cancel. Please try again shortly.',
    callback_title: 'Request a call back',
    callback_label: 'Your phone number',
    callback_submit: 'Call me back',
    callback_booked: 'An agent will call you at {phone}.',
    callback_failed: 'Could not send the request. Please try again shortly.',
    csat_question: 'How satisfied were you with the agent?',
    csat_star: '{score} out of 5 stars',
    csat_thanks: 'Thank you for your rating.',
    csat_failed: 'Could not send your rating. Please try again.',
    closed: 'This conversation has ended.',
    new_conversation: 'Start a new conversation',
    reconnecting: 'Connection lost. Reconnecting…',
    send_failed: 'Not sent.',
    retry: 'Retry',
    start_failed: 'Could not start the chat. Please try again shortly.',
  },
} as const;

export type TextKey = keyof (typeof texts)['ko'];

// The language to use: an explicit choice ("ko"/"en") wins, else the browser's.
export function pickLanguage(explicit: string | null | undefined, browser: readonly string[]): Lang {
  if (explicit === 'ko' || explicit === 'en') return explicit;
  for (const l of browser) {
    if (l.toLowerCase().startsWith('ko')) return 'ko';
    if (l.toLowerCase().startsWith('en')) return 'en';
  }
  return 'ko';
}

export function t(lang: Lang, key: TextKey, vars: Vars = {}): string {
  return fill(texts[lang][key], vars);
}
