// The admin console (/admin): FAQ editing with "test a question", scenarios (view, upload
// with the validation errors shown), intents and examples with retraining and its report,
// agents with queues and business hours (read-only), users and roles. Korean by default,
// English by the switch; every control is labelled and reachable by keyboard.
import { ApiError, call, setToken, token, type Json } from './api';
import { focusLogin, loginForm } from '../shared/login';
import { t, type Key, type Lang } from './i18n';

type Child = Node | string | null | undefined | false;

function h(tag: string, attrs: Record<string, unknown> = {}, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v as EventListener);
    else if (k === 'value') (el as HTMLInputElement).value = String(v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

let lang: Lang = (localStorage.getItem('aicc.admin.lang') as Lang) || 'ko';
const tr = (key: Key, vars: Record<string, string | number> = {}) => t(lang, key, vars);
let uid = 0;
// A labelled control: the label names the control through for/id.
function field(label: string, control: HTMLElement): HTMLElement {
  const id = control.id || `f${++uid}`;
  control.id = id;
  return h('div', {}, h('label', { for: id }, label), control);
}
function message(err: unknown): string {
  return err instanceof ApiError ? `${err.message} (${err.status})` : String(err);
}
function pct(x: number): string {
  return (x * 100).toFixed(1) + '%';
}

const TABS = ['faq', 'scenarios', 'intents', 'agents', 'users', 'keys'] as const;
type Tab = (typeof TABS)[number];
let tab: Tab = 'faq';
const app = document.getElementById('app')!;

function render(): void {
  document.documentElement.lang = lang;
  document.title = tr('title');
  app.replaceChildren();
  if (!token()) return renderLogin();
  const langSelect = h(
    'select',
    { 'aria-label': tr('language'), onchange: (e: Event) => {
      lang = (e.target as HTMLSelectElement).value as Lang;
      localStorage.setItem('aicc.admin.lang', lang);
      render();
    } },
    h('option', { value: 'ko', selected: lang === 'ko' }, '한국어'),
    h('option', { value: 'en', selected: lang === 'en' }, 'English'),
  ) as HTMLSelectElement;
  langSelect.style.width = 'auto';
  const logout = h('button', { class: 'secondary', onclick: async () => {
    try { await call('POST', '/api/v1/auth/logout'); } catch { /* the token is dropped anyway */ }
    setToken(null);
    render();
  } }, tr('logout'));
  app.append(h('header', {}, h('h1', {}, tr('title')), langSelect, logout));
  const nav = h('nav', { role: 'tablist', 'aria-label': tr('title') });
  for (const name of TABS) {
    nav.append(h('button', {
      role: 'tab', id: `tab-${name}`, 'aria-selected': String(tab === name), 'aria-controls': 'panel',
      tabindex: tab === name ? '0' : '-1',
      onclick: () => { tab = name; render(); document.getElementById(`tab-${name}`)?.focus(); },
      onkeydown: (e: KeyboardEvent) => {
        const i = TABS.indexOf(name);
        if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
          tab = TABS[(i + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length];
          render();
          document.getElementById(`tab-${tab}`)?.focus();
        }
      },
    }, tr(`tab_${name}` as Key)));
  }
  app.append(nav);
  const main = h('main', { id: 'panel', role: 'tabpanel', 'aria-labelledby': `tab-${tab}` });
  app.append(main);
  const views: Record<Tab, (m: HTMLElement) => Promise<void>> = {
    faq: faqView, scenarios: scenariosView, intents: intentsView, agents: agentsView, users: usersView, keys: keysView,
  };
  views[tab](main).catch((e) => {
    if (e instanceof ApiError && e.status === 401) { setToken(null); render(); return; }
    main.append(h('p', { class: 'error', role: 'alert' }, tr('failed', { message: message(e) })));
  });
}

function renderLogin(): void {
  const form = loginForm({
    texts: { title: tr('login_title'), username: tr('username'), password: tr('password'), submit: tr('login') },
    submitClass: 'primary',
    signIn: async (username, password) => {
      const doc = await call('POST', '/api/v1/auth/login', { username, password });
      if (doc.user.role !== 'admin') return tr('not_admin');
      setToken(doc.token);
      render();
    },
    failed: (err) => tr('login_failed', { message: message(err) }),
  });
  app.append(form);
  focusLogin(form);
}

// ---- FAQ ----
async function faqView(main: HTMLElement): Promise<void> {
  const language = h('select', {}, h('option', { value: 'ko' }, '한국어'), h('option', { value: 'en' }, 'English')) as HTMLSelectElement;
  language.value = lang;
  const search = h('input', { type: 'search', name: 'faq-search' }) as HTMLInputElement;
  const list = h('div');
  const editor = h('div');
  let entries: Json[] = [];
  const draw = () => {
    const q = search.value.trim().toLowerCase();
    const rows = entries.filter((e) => !q || (e.question + ' ' + e.answer + ' ' + e.category).toLowerCase().includes(q));
    list.replaceChildren(h('table', {},
      h('thead', {}, h('tr', {}, h('th', {}, 'ID'), h('th', {}, tr('category')), h('th', {}, tr('question')), h('th', {}, tr('answer')), h('th', {}, tr('active')), h('th', {}, ''))),
      h('tbody', {}, ...rows.map((e) => h('tr', { 'data-faq-id': e.id },
        h('td', {}, e.id), h('td', {}, e.category), h('td', {}, e.question), h('td', {}, e.answer),
        h('td', {}, e.active ? tr('yes') : tr('no')),
        h('td', {}, h('button', { class: 'secondary', 'aria-label': `${tr('edit')} ${e.id}`, onclick: () => edit(e) }, tr('edit'))))))));
  };
  const load = async () => {
    entries = (await call('GET', `/api/v1/admin/faq?language=${language.value}`)).entries;
    draw();
  };
  const edit = (e: Json) => {
    const question = h('input', { name: 'question', value: e.question }) as HTMLInputElement;
    const answer = h('textarea', { name: 'answer' }) as HTMLTextAreaElement;
    answer.value = e.answer;
    const category = h('input', { name: 'category', value: e.category }) as HTMLInputElement;
    const status = h('p', { role: 'status' });
    editor.replaceChildren(h('section', { class: 'panel', 'aria-label': `${tr('edit')} ${e.id}` },
      h('h2', {}, `${tr('edit')}: ${e.id} (${e.language})`),
      field(tr('category'), category), field(tr('question'), question), field(tr('answer'), answer),
      h('div', { class: 'row' },
        h('button', { class: 'primary', onclick: async () => {
          const body = { category: category.value, question: question.value, answer: answer.value,
            alternatives: e.alternatives, keywords: e.keywords, priority: e.priority, active: e.active, intent: e.intent };
          try {
            await call('PUT', `/api/v1/admin/faq/${encodeURIComponent(e.id)}/${e.language}`, body);
            status.className = 'ok';
            status.textContent = tr('saved');
            await load();
          } catch (err) {
            status.className = 'error';
            status.textContent = tr('failed', { message: message(err) });
          }
        } }, tr('save')),
        h('button', { class: 'secondary', onclick: () => editor.replaceChildren() }, tr('cancel'))),
      status));
    answer.focus();
  };
  // Test a question against the live index.
  const query = h('input', { name: 'test-query' }) as HTMLInputElement;
  const result = h('div', { role: 'status' });
  const test = h('form', { onsubmit: async (ev: Event) => {
    ev.preventDefault();
    try {
      const r = await call('POST', '/api/v1/admin/faq/test', { query: query.value, language: language.value, limit: 3 });
      result.replaceChildren(
        h('p', { class: r.auto_answer ? 'ok' : 'muted' }, r.auto_answer ? tr('auto_answer') : tr('no_auto_answer', { threshold: r.threshold })),
        r.hits.length === 0 ? h('p', {}, tr('no_hits')) : h('ol', {}, ...r.hits.map((x: Json) =>
          h('li', {}, h('strong', {}, x.question), ` — ${tr('confidence')} ${x.confidence.toFixed(2)}`, h('br'), x.answer))));
    } catch (err) {
      result.replaceChildren(h('p', { class: 'error' }, tr('failed', { message: message(err) })));
    }
  } }, h('div', { class: 'row' }, field(tr('test_query'), query), h('button', { class: 'primary', type: 'submit' }, tr('test_run'))), result);
  language.addEventListener('change', () => { editor.replaceChildren(); load(); });
  search.addEventListener('input', draw);
  main.append(
    h('section', { class: 'panel' }, h('h2', {}, tr('test_title')), test),
    editor,
    h('section', { class: 'panel' }, h('h2', {}, 'FAQ'),
      h('div', { class: 'row' }, field(tr('faq_language'), language), field(tr('search'), search)), list));
  await load();
}

// ---- Scenarios ----
function errorList(errors: Json[]): HTMLElement {
  return h('ul', { class: 'errors' }, ...errors.map((e) => h('li', {}, e.text)));
}

async function scenariosView(main: HTMLElement): Promise<void> {
  const doc = await call('GET', '/api/v1/admin/scenarios');
  const viewer = h('div');
  const definition = h('textarea', { name: 'definition', rows: '14' }) as HTMLTextAreaElement;
  const format = h('select', {}, h('option', { value: 'yaml' }, 'YAML'), h('option', { value: 'json' }, 'JSON')) as HTMLSelectElement;
  const report = h('div', { role: 'status', 'aria-live': 'polite', id: 'scenario-report' });
  const send = async (path: string) => {
    report.replaceChildren();
    try {
      const r = await call('POST', path, { definition: definition.value, format: format.value });
      if (r.valid === false) report.append(h('p', { class: 'error' }, tr('invalid', { n: r.errors.length })), errorList(r.errors));
      else if (r.valid === true) report.append(h('p', { class: 'ok' }, tr('valid')));
      else { report.append(h('p', { class: 'ok' }, tr('uploaded', { id: r.id }))); setTimeout(render, 1200); }
    } catch (err) {
      const errors = err instanceof ApiError ? (err.details as Json).errors : undefined;
      if (errors) report.append(h('p', { class: 'error' }, tr('invalid', { n: errors.length })), errorList(errors));
      else report.append(h('p', { class: 'error' }, tr('failed', { message: message(err) })));
    }
  };
  main.append(h('section', { class: 'panel' }, h('h2', {}, tr('scenarios_loaded')),
    h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'ID'), h('th', {}, tr('question')), h('th', {}, tr('intents')), h('th', {}, tr('steps')), h('th', {}, tr('source')), h('th', {}, ''))),
      h('tbody', {}, ...doc.scenarios.map((s: Json) => h('tr', {},
        h('td', {}, s.id), h('td', {}, s.name[lang] || s.name.ko), h('td', {}, s.trigger_intents.join(', ')),
        h('td', {}, String(s.steps.length)), h('td', {}, h('span', { class: 'tag' }, s.source)),
        h('td', {}, h('button', { class: 'secondary', 'aria-label': `${tr('view')} ${s.id}`, onclick: async () => {
          const one = await call('GET', `/api/v1/admin/scenarios/${encodeURIComponent(s.id)}`);
          viewer.replaceChildren(h('section', { class: 'panel' }, h('h2', {}, `${s.id} — ${one.origin}`),
            h('ol', {}, ...one.steps.map((st: Json) => h('li', {}, `${st.id} (${st.type}): ${st.prompt[lang] || st.prompt.ko}`))),
            h('pre', {}, one.definition ?? '')));
          definition.value = one.definition ?? '';
          format.value = one.format;
        } }, tr('view')))))))),
  viewer,
  h('section', { class: 'panel' }, h('h2', {}, tr('upload_title')),
    field(tr('definition'), definition), h('div', { class: 'row' }, field(tr('format'), format),
      h('button', { class: 'secondary', onclick: () => send('/api/v1/admin/scenarios/validate') }, tr('validate')),
      h('button', { class: 'primary', onclick: () => send('/api/v1/admin/scenarios') }, tr('upload'))),
    report));
}

// ---- Intents and training ----
function reportView(job: Json): HTMLElement {
  const r = job.report;
  return h('section', { class: 'panel', id: 'nlu-report' },
    h('h2', {}, tr('report', { folds: job.folds, examples: job.examples })),
    h('p', {}, `${tr('accuracy')} ${pct(r.accuracy)} · ${tr('macro_f1')} ${r.macro_f1.toFixed(3)} · ${tr('oos_recall')} ${pct(r.oos_recall)}`),
    h('div', { class: 'cols' },
      h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, tr('intents')), h('th', {}, tr('precision')), h('th', {}, tr('recall')), h('th', {}, 'F1'))),
        h('tbody', {}, ...r.per_intent.map((c: Json) => h('tr', {}, h('td', {}, c.intent), h('td', {}, pct(c.precision)), h('td', {}, pct(c.recall)), h('td', {}, c.f1.toFixed(3)))))),
      h('div', {}, h('h3', {}, tr('confused')), h('ul', {}, ...r.confused.slice(0, 10).map((c: Json) => h('li', {}, `${c.gold} → ${c.predicted}: ${c.count}`))))));
}

async function intentsView(main: HTMLElement): Promise<void> {
  const doc = await call('GET', '/api/v1/admin/intents');
  const progress = h('div', { role: 'status', 'aria-live': 'polite', id: 'retrain-status' });
  const reportBox = h('div');
  try { reportBox.append(reportView(await call('GET', '/api/v1/admin/nlu/report'))); } catch { /* none yet */ }
  const retrain = h('button', { class: 'primary', onclick: async () => {
    (retrain as HTMLButtonElement).disabled = true;
    try {
      let job = await call('POST', '/api/v1/admin/nlu/retrain');
      const bar = h('progress', { max: '100', value: String(job.percent), 'aria-label': tr('retrain') });
      const label = h('p', {}, tr('retraining', { step: job.step }));
      progress.replaceChildren(label, bar);
      while (job.state === 'running') {
        await new Promise((r) => setTimeout(r, 300));
        job = await call('GET', `/api/v1/admin/nlu/jobs/${job.id}`);
        (bar as HTMLProgressElement).value = job.percent;
        label.textContent = tr('retraining', { step: job.step });
      }
      if (job.state === 'succeeded') {
        progress.replaceChildren(h('p', { class: 'ok' }, tr('retrain_done')), bar);
        reportBox.replaceChildren(reportView(job));
      } else {
        progress.replaceChildren(h('p', { class: 'error' }, tr('retrain_failed', { error: job.error })));
      }
    } catch (err) {
      progress.replaceChildren(h('p', { class: 'error' }, tr('failed', { message: message(err) })));
    } finally {
      (retrain as HTMLButtonElement).disabled = false;
    }
  } }, tr('retrain'));
  const detail = h('div');
  const show = (intent: Json) => {
    const text = h('input', { name: 'example-text' }) as HTMLInputElement;
    const status = h('p', { role: 'status' });
    detail.replaceChildren(h('section', { class: 'panel' }, h('h2', {}, `${intent.intent} — ${tr('examples')} ${intent.examples_count}`),
      h('form', { onsubmit: async (e: Event) => {
        e.preventDefault();
        try {
          await call('POST', `/api/v1/admin/intents/${encodeURIComponent(intent.intent)}/examples`, { text: text.value });
          render();
        } catch (err) {
          status.className = 'error';
          status.textContent = tr('failed', { message: message(err) });
        }
      } }, h('div', { class: 'row' }, field(tr('example_text'), text), h('button', { class: 'primary', type: 'submit' }, tr('add')))),
      status,
      h('ul', {}, ...intent.examples.map((e: Json) => h('li', {}, e.text, ' ', e.source === 'added' ? h('span', { class: 'tag' }, tr('added')) : null, ' ',
        e.source === 'added' ? h('button', { class: 'danger', 'aria-label': `${tr('remove')}: ${e.text}`, onclick: async () => {
          await call('DELETE', `/api/v1/admin/intents/${encodeURIComponent(intent.intent)}/examples/${e.id}`);
          render();
        } }, tr('remove')) : null)))));
  };
  main.append(h('section', { class: 'panel' }, h('h2', {}, tr('intents')),
    h('div', { class: 'row' }, h('p', { class: 'muted' }, doc.examples_file), retrain), progress, reportBox,
    h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, tr('intents')), h('th', {}, tr('examples')), h('th', {}, tr('added')), h('th', {}, tr('threshold')), h('th', {}, ''))),
      h('tbody', {}, ...doc.intents.map((i: Json) => h('tr', {}, h('td', {}, i.intent), h('td', {}, String(i.examples_count)), h('td', {}, String(i.added_count)),
        h('td', {}, i.threshold === null ? '—' : i.threshold.toFixed(2)),
        h('td', {}, h('button', { class: 'secondary', 'aria-label': `${tr('examples')}: ${i.intent}`, onclick: () => show(i) }, tr('examples')))))))),
  detail);
}

// ---- Agents, queues, hours (read-only) ----
async function agentsView(main: HTMLElement): Promise<void> {
  const [agents, queues] = await Promise.all([call('GET', '/api/v1/agents'), call('GET', '/api/v1/supervisor/queues')]);
  main.append(
    h('section', { class: 'panel' }, h('h2', {}, tr('agents')), h('table', {},
      h('thead', {}, h('tr', {}, h('th', {}, tr('username')), h('th', {}, tr('display_name')), h('th', {}, tr('skills')), h('th', {}, tr('languages')), h('th', {}, tr('queues')), h('th', {}, tr('capacity')), h('th', {}, tr('state')))),
      h('tbody', {}, ...agents.agents.map((a: Json) => h('tr', {}, h('td', {}, a.username), h('td', {}, a.display_name),
        h('td', {}, a.skills.map((s: Json) => `${s.name}:${s.level}`).join(', ')), h('td', {}, a.languages.join(', ')), h('td', {}, a.queues.join(', ')),
        h('td', {}, `chat ${a.capacity.chat} / voice ${a.capacity.voice}`), h('td', {}, a.state.state)))))),
    h('section', { class: 'panel' }, h('h2', {}, tr('queues')), h('table', {},
      h('thead', {}, h('tr', {}, h('th', {}, 'ID'), h('th', {}, tr('display_name')), h('th', {}, tr('hours')), h('th', {}, tr('state')), h('th', {}, tr('waiting')), h('th', {}, tr('sla')))),
      h('tbody', {}, ...queues.queues.map((q: Json) => h('tr', {}, h('td', {}, q.id), h('td', {}, q.name[lang] ?? q.name.ko ?? q.id), h('td', {}, q.hours),
        h('td', {}, q.open_now ? tr('open_now') : tr('closed_now')), h('td', {}, String(q.waiting)),
        h('td', {}, Object.entries(q.sla_seconds).map(([p, s]) => `${p} ${s}`).join(', '))))))));
}

// ---- Users and roles ----
async function usersView(main: HTMLElement): Promise<void> {
  const doc = await call('GET', '/api/v1/admin/users');
  const status = h('p', { role: 'status' });
  const act = async (f: () => Promise<unknown>) => {
    try { await f(); render(); } catch (err) { status.className = 'error'; status.textContent = tr('failed', { message: message(err) }); }
  };
  const username = h('input', { name: 'new-username', autocomplete: 'off' }) as HTMLInputElement;
  const name = h('input', { name: 'new-name' }) as HTMLInputElement;
  const password = h('input', { name: 'new-password', type: 'password', autocomplete: 'new-password' }) as HTMLInputElement;
  const role = h('select', {}, ...['agent', 'supervisor', 'admin'].map((r) => h('option', { value: r }, r))) as HTMLSelectElement;
  main.append(h('section', { class: 'panel' }, h('h2', {}, tr('users')), status, h('table', {},
    h('thead', {}, h('tr', {}, h('th', {}, tr('username')), h('th', {}, tr('display_name')), h('th', {}, tr('role')), h('th', {}, tr('active')), h('th', {}, ''))),
    h('tbody', {}, ...doc.users.map((u: Json) => {
      const roleSel = h('select', { 'aria-label': `${tr('role')}: ${u.username}`, onchange: (e: Event) =>
        act(() => call('PATCH', `/api/v1/admin/users/${u.id}`, { role: (e.target as HTMLSelectElement).value })) },
      ...['agent', 'supervisor', 'admin'].map((r) => h('option', { value: r, selected: u.role === r }, r)));
      return h('tr', {}, h('td', {}, u.username), h('td', {}, u.display_name), h('td', {}, roleSel), h('td', {}, u.active ? tr('yes') : tr('no')),
        h('td', {}, h('button', { class: u.active ? 'danger' : 'secondary', onclick: () => act(() => call('PATCH', `/api/v1/admin/users/${u.id}`, { active: !u.active })) },
          u.active ? tr('disable') : tr('enable')), ' ',
        h('button', { class: 'secondary', onclick: () => {
          const pw = prompt(`${tr('new_password')}: ${u.username}`);
          if (pw) act(() => call('POST', `/api/v1/admin/users/${u.id}/password`, { password: pw }));
        } }, tr('reset_password'))));
    })))),
  h('section', { class: 'panel' }, h('h2', {}, tr('create_user')), h('form', { onsubmit: (e: Event) => {
    e.preventDefault();
    act(() => call('POST', '/api/v1/admin/users', { username: username.value, display_name: name.value, password: password.value, role: role.value }));
  } }, h('div', { class: 'row' }, field(tr('username'), username), field(tr('display_name'), name), field(tr('password'), password), field(tr('role'), role),
    h('button', { class: 'primary', type: 'submit' }, tr('create'))))));
}

// ---- API keys ----
async function keysView(main: HTMLElement): Promise<void> {
  const status = h('div', { role: 'status' });
  const name = h('input', { name: 'key-name' }) as HTMLInputElement;
  const role = h('select', {}, ...['agent', 'supervisor', 'admin'].map((r) => h('option', { value: r }, r))) as HTMLSelectElement;
  const expires = h('input', { name: 'key-expires', type: 'date' }) as HTMLInputElement;
  main.append(h('section', { class: 'panel' }, h('h2', {}, tr('create_key')), h('form', { onsubmit: async (e: Event) => {
    e.preventDefault();
    try {
      const body: Record<string, string> = { name: name.value, role: role.value };
      if (expires.value) body.expires_at = new Date(expires.value + 'T23:59:59Z').toISOString();
      const k = await call('POST', '/api/v1/admin/api-keys', body);
      // Shown once: the list never has it again.
      status.replaceChildren(h('p', { class: 'ok' }, tr('key_secret_once')), h('pre', { id: 'new-key-secret' }, k.secret));
      list.replaceChildren(await keyTable());
    } catch (err) {
      status.replaceChildren(h('p', { class: 'error' }, tr('failed', { message: message(err) })));
    }
  } }, h('div', { class: 'row' }, field(tr('key_name'), name), field(tr('role'), role), field(tr('key_expires'), expires),
    h('button', { class: 'primary', type: 'submit' }, tr('create')))), status));
  const keyTable = async (): Promise<HTMLElement> => {
    const keys = (await call('GET', '/api/v1/admin/api-keys')).api_keys;
    return h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, tr('key_name')), h('th', {}, 'prefix'), h('th', {}, tr('role')), h('th', {}, tr('key_expires')), h('th', {}, tr('active')), h('th', {}, ''))),
      h('tbody', {}, ...keys.map((k: Json) => h('tr', {}, h('td', {}, k.name), h('td', {}, h('code', {}, k.prefix + '…')), h('td', {}, k.role),
        h('td', {}, k.expires_at ?? '—'), h('td', {}, k.active ? tr('yes') : tr('no')),
        h('td', {}, k.revoked_at ? '' : h('button', { class: 'danger', 'aria-label': `${tr('revoke')}: ${k.name}`, onclick: async () => {
          await call('DELETE', `/api/v1/admin/api-keys/${k.id}`);
          list.replaceChildren(await keyTable());
        } }, tr('revoke')))))));
  };
  const list = h('div', {}, await keyTable());
  main.append(h('section', { class: 'panel' }, h('h2', {}, tr('tab_keys')), list));
}

render();
