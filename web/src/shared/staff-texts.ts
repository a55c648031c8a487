// The labels the staff apps (agent desktop, supervisor dashboard, admin console) share. An
// app's table spreads these in first, then adds its own and overrides where its wording
// differs (the admin console says "Log in" where the others say "Sign in").

const ko = {
  username: '아이디',
  password: '비밀번호',
  login: '로그인',
  logout: '로그아웃',
  login_failed: '로그인하지 못했습니다: {message}',
  language: '언어',
  agent: '상담원',
  agents: '상담원',
  queue: '대기열',
  queues: '대기열',
  waiting: '대기',
  reason: '사유',
  priority: '우선순위',
  state: '상태',
  state_available: '상담 가능',
  state_busy: '상담 중',
  state_break: '휴식',
  state_training: '교육',
  state_meeting: '회의',
  state_after_call_work: '후처리',
  state_offline: '오프라인',
};

const en: typeof ko = {
  username: 'Username',
  password: 'Password',
  login: 'Sign in',
  logout: 'Sign out',
  login_failed: 'Could not sign in: {message}',
  language: 'Language',
  agent: 'Agent',
  agents: 'Agents',
  queue: 'Queue',
  queues: 'Queues',
  waiting: 'Waiting',
  reason: 'Reason',
  priority: 'Priority',
  state: 'State',
  state_available: 'Available',
  state_busy: 'Busy',
  state_break: 'Break',
  state_training: 'Training',
  state_meeting: 'Meeting',
  state_after_call_work: 'After-call work',
  state_offline: 'Offline',
};

export const staffTexts = { ko, en };
