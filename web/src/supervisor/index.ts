// The supervisor dashboard (/supervisor): the floor live — queues with their oldest wait and
// SLA status, agents by state and load (with a state selector) — and today's numbers from
// the analytics API with two charts (uPlot). It polls every few seconds and listens on the
// agent stream for sla.breached, which raises the alert at once.
import uPlot from 'uplot';
import { ApiError, requestJson } from '../shared/api';
import { focusLogin, loginForm } from '../shared/login';
import { type Lang, label, t } from './i18n';

const POLL_MS = 4_000;
const TOKEN_KEY = 'aicc.supervisor.token';
const LANG_KEY = 'aicc.supervisor.lang';
const AGENT_STATES = ['available', 'busy', 'break', 'training', 'meeting', 'after_call_work', 'offline'];

interface Queue {
  id: string;
  name: Record<string, string>;
  waiting: number;
  in_progress: number;
  oldest_wait_seconds: number;
  sla_breached: number;
  agents_available: number;
}
interface AgentRow {
  id: string;
  username: string;
  display_name: string;
  role: string;
  state: { state: string };
  capacity: { chat: number };
  load: number;
}
interface Totals {
  conversations: { started: number; ended: number; contained: number; containment_rate: number | null };
  escalations: { total: number; by_reason: Record<string, number> };
  wait: { average_seconds: number | null };
  handle: { average_seconds: number | null };
  csat: { count: number; average: number | null };
}
interface Waiting {
  id: string;
  reference: string;
  queue_id: string;
  reason: string;
  priority: string;
  state: string;
  wait_seconds: number | null;
  sla_breached: boolean;
}
interface ReportRow extends Totals {
  group: string;
}

let lang: Lang = (localStorage.getItem(LANG_KEY) as Lang) === 'en' ? 'en' : 'ko';
let token = sessionStorage.getItem(TOKEN_KEY) ?? '';
let pollTimer: ReturnType<typeof setInterval> | undefined;
let stream: WebSocket | null = null;
let reasonChart: uPlot | null = null;
let hourChart: uPlot | null = null;
let streamAlert = '';

const root = document.getElementById('app') as HTMLElement;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  return requestJson<T>(method, path, body, token);
}

function duration(seconds: number | null): string {
  if (seconds === null) return t(lang, 'none');
  const s = Math.round(seconds);
  return s < 60 ? t(lang, 'seconds', { n: s }) : t(lang, 'minutes', { m: Math.floor(s / 60), s: s % 60 });
}

function hourLabel(hour: number): string {
  return lang === 'ko' ? `${hour}시` : `${hour}:00`;
}

function percent(v: number | null): string {
  return v === null ? t(lang, 'none') : `${Math.round(v * 1000) / 10}%`;
}

// ---- sign-in ----

function showLogin(problem = ''): void {
  stopLive();
  root.replaceChildren();
  const form = loginForm({
    texts: {
      title: t(lang, 'login_title'),
      username: t(lang, 'username'),
      password: t(lang, 'password'),
      submit: t(lang, 'login'),
    },
    problem,
    signIn: async (username, password) => {
      const doc = await call<{ token: string; user: { role: string } }>('POST', '/api/v1/auth/login', {
        username,
        password,
      });
      if (doc.user.role !== 'supervisor' && doc.user.role !== 'admin') return t(lang, 'not_supervisor');
      token = doc.token;
      sessionStorage.setItem(TOKEN_KEY, token);
      showDashboard();
    },
    failed: (e) => t(lang, 'login_failed', { message: (e as Error).message }),
  });
  root.append(languageSwitch(), form);
  focusLogin(form);
}

function languageSwitch(): HTMLElement {
  const select = el('select', { id: 'lang', 'aria-label': t(lang, 'language') });
  for (const [code, name] of [
    ['ko', '한국어'],
    ['en', 'English'],
  ]) {
    const o = el('option', { value: code }, name);
    if (code === lang) o.selected = true;
    select.append(o);
  }
  select.addEventListener('change', () => {
    lang = select.value as Lang;
    localStorage.setItem(LANG_KEY, lang);
    document.documentElement.lang = lang;
    if (token) showDashboard();
    else showLogin();
  });
  return el('div', { class: 'lang' }, el('label', { for: 'lang' }, t(lang, 'language')), select);
}

// ---- the dashboard ----

function kpi(id: string, title: string): HTMLElement {
  return el(
    'section',
    { class: 'kpi', id, 'aria-labelledby': `${id}-title` },
    el('h3', { id: `${id}-title` }, title),
    el('p', { class: 'value', 'aria-live': 'polite' }, t(lang, 'none')),
    el('p', { class: 'sub' }),
  );
}

function showDashboard(): void {
  stopLive();
  root.replaceChildren();
  document.documentElement.lang = lang;
  const logout = el('button', { type: 'button', id: 'logout' }, t(lang, 'logout'));
  logout.addEventListener('click', async () => {
    try {
      await call('POST', '/api/v1/auth/logout');
    } catch {
      /* the session may have ended already */
    }
    token = '';
    sessionStorage.removeItem(TOKEN_KEY);
    showLogin();
  });
  const alert = el('div', { id: 'sla-alert', role: 'alert', class: 'alert', hidden: '' });
  root.append(
    el(
      'header',
      {},
      el('h1', {}, t(lang, 'title')),
      el('span', { id: 'updated', class: 'updated' }),
      languageSwitch(),
      logout,
    ),
    alert,
    el('h2', {}, t(lang, 'today')),
    el(
      'div',
      { class: 'kpis' },
      kpi('kpi-conversations', t(lang, 'kpi_conversations')),
      kpi('kpi-containment', t(lang, 'kpi_containment')),
      kpi('kpi-escalations', t(lang, 'kpi_escalations')),
      kpi('kpi-wait', t(lang, 'kpi_wait')),
      kpi('kpi-handle', t(lang, 'kpi_handle')),
      kpi('kpi-csat', t(lang, 'kpi_csat')),
    ),
    el(
      'div',
      { class: 'charts' },
      el('figure', { id: 'chart-reasons' }, el('figcaption', {}, t(lang, 'by_reason'))),
      el('figure', { id: 'chart-hours' }, el('figcaption', {}, t(lang, 'by_hour'))),
    ),
    el(
      'div',
      { class: 'tables' },
      el(
        'section',
        { 'aria-labelledby': 'queues-title' },
        el('h2', { id: 'queues-title' }, t(lang, 'queues')),
        table('queues', ['queue', 'waiting', 'in_progress', 'oldest_wait', 'sla', 'agents_available']),
      ),
      el(
        'section',
        { 'aria-labelledby': 'agents-title' },
        el('h2', { id: 'agents-title' }, t(lang, 'agents')),
        table('agents', ['agent', 'state', 'load']),
      ),
      el(
        'section',
        { 'aria-labelledby': 'waiting-title', class: 'waiting-list' },
        el('h2', { id: 'waiting-title' }, t(lang, 'waiting_list')),
        table('waiting', ['reference', 'queue', 'reason', 'priority', 'wait', 'assign']),
      ),
    ),
    el('p', { id: 'load-error', class: 'error', role: 'status' }),
  );
  reasonChart = null;
  hourChart = null;
  void refresh();
  pollTimer = setInterval(() => void refresh(), POLL_MS);
  openStream();
}

function table(id: string, columns: Parameters<typeof t>[1][]): HTMLTableElement {
  return el(
    'table',
    { id },
    el('thead', {}, el('tr', {}, ...columns.map((c) => el('th', { scope: 'col' }, t(lang, c))))),
    el('tbody'),
  );
}

function setKpi(id: string, value: string, sub = ''): void {
  const box = document.getElementById(id);
  if (!box) return;
  (box.querySelector('.value') as HTMLElement).textContent = value;
  (box.querySelector('.sub') as HTMLElement).textContent = sub;
}

async function refresh(): Promise<void> {
  const error = document.getElementById('load-error');
  try {
    const [queues, agents, summary, hours, waiting] = await Promise.all([
      call<{ queues: Queue[]; as_of: string }>('GET', '/api/v1/supervisor/queues'),
      call<{ agents: AgentRow[] }>('GET', '/api/v1/supervisor/agents'),
      call<Totals>('GET', '/api/v1/analytics/summary'),
      call<{ rows: ReportRow[] }>('GET', '/api/v1/analytics/report?group_by=hour'),
      call<{ escalations: Waiting[] }>('GET', '/api/v1/supervisor/escalations?state=queued'),
    ]);
    if (error) error.textContent = '';
    renderQueues(queues.queues);
    renderAgents(agents.agents);
    renderWaiting(waiting.escalations, agents.agents, queues.queues);
    renderSummary(summary);
    renderCharts(summary, hours.rows);
    const updated = document.getElementById('updated');
    if (updated) updated.textContent = t(lang, 'updated', { time: new Date(queues.as_of).toLocaleTimeString(lang) });
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      token = '';
      sessionStorage.removeItem(TOKEN_KEY);
      showLogin();
      return;
    }
    if (error) error.textContent = t(lang, 'load_failed', { message: (e as Error).message });
  }
}

function renderSummary(s: Totals): void {
  setKpi('kpi-conversations', String(s.conversations.started), `${t(lang, 'ended')} ${s.conversations.ended}`);
  setKpi('kpi-containment', percent(s.conversations.containment_rate), `${s.conversations.contained} / ${s.conversations.ended}`);
  setKpi('kpi-escalations', String(s.escalations.total));
  setKpi('kpi-wait', duration(s.wait.average_seconds));
  setKpi('kpi-handle', duration(s.handle.average_seconds));
  setKpi(
    'kpi-csat',
    s.csat.average === null ? t(lang, 'none') : s.csat.average.toFixed(1),
    t(lang, 'csat_of', { count: s.csat.count }),
  );
}

function renderQueues(queues: Queue[]): void {
  const body = document.querySelector('#queues tbody');
  if (!body) return;
  body.replaceChildren(
    ...queues.map((q) =>
      el(
        'tr',
        { 'data-queue': q.id, class: q.sla_breached > 0 ? 'breached' : '' },
        el('th', { scope: 'row' }, q.name[lang] ?? q.id),
        el('td', { class: 'waiting' }, String(q.waiting)),
        el('td', {}, String(q.in_progress)),
        el('td', {}, duration(q.waiting > 0 ? q.oldest_wait_seconds : null)),
        el(
          'td',
          { class: 'sla' },
          q.sla_breached > 0 ? t(lang, 'sla_breached', { count: q.sla_breached }) : t(lang, 'sla_ok'),
        ),
        el('td', {}, String(q.agents_available)),
      ),
    ),
  );
  const breached = queues.filter((q) => q.sla_breached > 0);
  const alert = document.getElementById('sla-alert');
  if (!alert) return;
  const polled = breached.length
    ? t(lang, 'alert_sla', {
        count: breached.reduce((n, q) => n + q.sla_breached, 0),
        queues: breached.map((q) => q.name[lang] ?? q.id).join(', '),
      })
    : '';
  const text = [streamAlert, polled].filter(Boolean).join(' ');
  alert.hidden = text === '';
  alert.textContent = text;
}

function renderAgents(agents: AgentRow[]): void {
  const body = document.querySelector('#agents tbody');
  if (!body) return;
  body.replaceChildren(
    ...agents
      .filter((a) => a.role !== 'admin')
      .map((a) => {
        const name = a.display_name || a.username;
        const select = el('select', { 'aria-label': t(lang, 'change_state', { name }), 'data-agent': a.id });
        for (const s of AGENT_STATES) {
          const o = el('option', { value: s }, label(lang, 'state_', s));
          if (s === a.state.state) o.selected = true;
          select.append(o);
        }
        select.addEventListener('change', async () => {
          try {
            await call('PUT', `/api/v1/supervisor/agents/${encodeURIComponent(a.id)}/state`, { state: select.value });
          } catch (e) {
            const error = document.getElementById('load-error');
            if (error) error.textContent = t(lang, 'set_state_failed', { message: (e as Error).message });
          }
          void refresh();
        });
        return el(
          'tr',
          { 'data-agent': a.id, class: `state-${a.state.state}` },
          el('th', { scope: 'row' }, name),
          el('td', {}, select),
          el('td', { class: 'load' }, `${a.load} / ${a.capacity.chat}`),
        );
      }),
  );
}

// Force-assign: offer a waiting escalation to a chosen agent now (the agent accepts it as
// any offer).
function renderWaiting(waiting: Waiting[], agents: AgentRow[], queues: Queue[]): void {
  const body = document.querySelector('#waiting tbody');
  if (!body) return;
  // A select being used keeps its choice until the next render after the change.
  if (body.contains(document.activeElement) && document.activeElement?.tagName === 'SELECT') return;
  if (waiting.length === 0) {
    body.replaceChildren(el('tr', {}, el('td', { colspan: '6' }, t(lang, 'no_waiting'))));
    return;
  }
  const people = agents.filter((a) => a.role !== 'admin' && a.state.state !== 'offline');
  body.replaceChildren(
    ...waiting.map((e) => {
      const queue = queues.find((q) => q.id === e.queue_id);
      const select = el('select', { 'aria-label': t(lang, 'assign_to', { reference: e.reference }) });
      for (const a of people) select.append(el('option', { value: a.id }, a.display_name || a.username));
      const button = el('button', { type: 'button', 'aria-label': t(lang, 'assign_button', { reference: e.reference }) }, t(lang, 'assign'));
      button.addEventListener('click', async () => {
        try {
          await call('POST', `/api/v1/supervisor/escalations/${encodeURIComponent(e.id)}/offer`, { agent_id: select.value });
        } catch (err) {
          const error = document.getElementById('load-error');
          if (error) error.textContent = t(lang, 'assign_failed', { message: (err as Error).message });
        }
        void refresh();
      });
      return el(
        'tr',
        { 'data-escalation': e.id, class: e.sla_breached ? 'breached' : '' },
        el('th', { scope: 'row' }, e.reference),
        el('td', {}, queue?.name[lang] ?? e.queue_id),
        el('td', {}, label(lang, 'reason_', e.reason)),
        el('td', {}, e.priority),
        el('td', { class: 'sla' }, duration(e.wait_seconds)),
        el('td', {}, select, ' ', button),
      );
    }),
  );
}

function renderCharts(s: Totals, hours: ReportRow[]): void {
  const reasons = Object.keys(s.escalations.by_reason).sort();
  const reasonData: uPlot.AlignedData = [
    reasons.map((_, i) => i),
    reasons.map((r) => s.escalations.by_reason[r]),
  ];
  const reasonBox = document.getElementById('chart-reasons');
  if (reasonBox) {
    // The categories change with the data: rebuild this small chart each time.
    reasonChart?.destroy();
    reasonChart = new uPlot(
      {
        width: 560,
        height: 220,
        legend: { show: false },
        scales: { x: { time: false, range: [-0.5, Math.max(reasons.length, 1) - 0.5] }, y: { range: [0, Math.max(1, ...reasonData[1].map(Number)) + 1] } },
        axes: [
          { values: (_u, ticks) => ticks.map((i) => (Number.isInteger(i) && reasons[i] ? label(lang, 'reason_', reasons[i]) : '')) },
          { values: (_u, ticks) => ticks.map((v) => (Number.isInteger(v) ? String(v) : '')) },
        ],
        series: [{}, { label: t(lang, 'kpi_escalations'), fill: '#3b82f6aa', stroke: '#1d4ed8', paths: uPlot.paths.bars!({ size: [0.6, 80] }), points: { show: false } }],
      },
      reasonData,
      reasonBox,
    );
  }
  const hourData: uPlot.AlignedData = [
    hours.map((_, i) => i),
    hours.map((r) => r.conversations.started),
    hours.map((r) => r.conversations.ended),
  ];
  const hourBox = document.getElementById('chart-hours');
  if (!hourBox) return;
  if (hourChart) {
    hourChart.setData(hourData);
    return;
  }
  hourChart = new uPlot(
    {
      width: 560,
      height: 220,
      scales: { x: { time: false } },
      axes: [
        { incrs: [1, 2, 3, 4, 6], values: (_u, ticks) => ticks.map((i) => (Number.isInteger(i) ? hourLabel(i) : '')) },
        { incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] },
      ],
      series: [
        { label: lang === 'ko' ? '시각' : 'Hour', value: (_u, v) => (v === null ? '--' : hourLabel(v)) },
        { label: t(lang, 'started'), stroke: '#1d4ed8', width: 2 },
        { label: t(lang, 'ended'), stroke: '#059669', width: 2 },
      ],
    },
    hourData,
    hourBox,
  );
}

// ---- live events ----

function openStream(): void {
  const url = location.origin.replace(/^http/, 'ws') + `/api/v1/agent/stream?access_token=${encodeURIComponent(token)}`;
  const ws = new WebSocket(url);
  stream = ws;
  ws.onmessage = (m) => {
    let ev: { type?: string; escalation?: { reference: string; queue_id: string; priority: string }; sla_seconds?: number };
    try {
      ev = JSON.parse(String(m.data));
    } catch {
      return;
    }
    if (ev.type === 'sla.breached' && ev.escalation) {
      streamAlert = t(lang, 'alert_sla_event', {
        reference: ev.escalation.reference,
        queue: ev.escalation.queue_id,
        priority: ev.escalation.priority,
        seconds: ev.sla_seconds ?? 0,
      });
    }
    if (ev.type !== 'inbox.snapshot') void refresh();
  };
  ws.onclose = () => {
    // Reconnect while the dashboard is shown; polling carries on meanwhile.
    if (stream === ws && token) setTimeout(() => stream === ws && openStream(), 3_000);
  };
}

function stopLive(): void {
  if (pollTimer) clearInterval(pollTimer);
  pollTimer = undefined;
  const ws = stream;
  stream = null;
  ws?.close();
  reasonChart?.destroy();
  hourChart?.destroy();
  reasonChart = null;
  hourChart = null;
}

document.documentElement.lang = lang;
if (token) showDashboard();
else showLogin();
