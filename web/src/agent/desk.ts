// The agent desktop: sign-in; the agent's state; offers arriving over the agent stream
// with accept/decline and a countdown; one tab per conversation with the transcript (the
// bot's intent and sentiment on each customer turn), the escalation, the customer, the
// summary and earlier conversations; a reply box with canned responses; transfer; wrap-up.
import { ApiError } from '../shared/api';
import { focusLogin, loginForm } from '../shared/login';
import { ReconnectingStream, type StreamEvent } from '../shared/stream';
import {
  AgentClient,
  type AgentProfile,
  type AgentWork,
  type CannedResponse,
  type EscalationContext,
  type TurnMessage,
} from './client';
import { fmtTime, h, uid } from './dom';
import { type DeskKey, type DeskLang, tr, trDynamic } from './texts';

const STATES = ['available', 'break', 'training', 'meeting', 'after_call_work', 'offline'] as const;
const DISPOSITIONS: [string, DeskKey][] = [
  ['resolved', 'disposition_resolved'],
  ['follow_up', 'disposition_follow_up'],
  ['refund', 'disposition_refund'],
  ['info_provided', 'disposition_info_provided'],
  ['no_response', 'disposition_no_response'],
];
// Escalation states that end this agent's part: the tab goes.
const ENDED = new Set(['done', 'cancelled', 'callback', 'callback_offered', 'queued']);
const LANG_KEY = 'aicc.agent.lang';

// The idempotency key of one reply (crypto.randomUUID needs a secure context).
function clientMsgId(): string {
  return `desk-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

interface Tab {
  work: AgentWork;
  ctx: EscalationContext | null;
  seqs: Set<number>;
  button: HTMLButtonElement;
  panel: HTMLElement;
  log: HTMLElement | null;
  unread: boolean;
}

export class Desk {
  private lang: DeskLang = sessionStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'ko';
  private readonly client: AgentClient;
  private me: AgentProfile | null = null;
  private offerTimeout = 30;
  private readonly offers = new Map<string, AgentWork>();
  private readonly tabs = new Map<string, Tab>();
  private active: string | null = null;
  private stream: ReconnectingStream | null = null;
  private ticker: ReturnType<typeof setInterval> | undefined;
  private readonly canned = new Map<string, CannedResponse[]>();
  // Regions of the desk, built by renderDesk.
  private offersList!: HTMLElement;
  private tabList!: HTMLElement;
  private tabPanels!: HTMLElement;
  private notice!: HTMLElement;
  private streamStatus!: HTMLElement;
  private stateSelect!: HTMLSelectElement;
  private stateReason!: HTMLInputElement;

  constructor(
    private readonly root: HTMLElement,
    base: string,
  ) {
    this.client = new AgentClient(base);
  }

  private t(key: DeskKey, vars: Record<string, string | number> = {}): string {
    return tr(this.lang, key, vars);
  }

  async start(): Promise<void> {
    document.documentElement.lang = this.lang;
    document.title = this.t('app_title');
    if (!this.client.token) return this.renderLogin();
    try {
      this.me = await this.client.me();
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        this.client.token = null;
        sessionStorage.removeItem('aicc.agent.token');
        return this.renderLogin();
      }
      if (e instanceof ApiError && e.status === 404) return this.renderLogin(this.t('not_agent'));
      return this.renderLogin(String((e as Error).message));
    }
    await this.renderDesk();
  }

  private switchLanguage(): void {
    this.lang = this.lang === 'ko' ? 'en' : 'ko';
    sessionStorage.setItem(LANG_KEY, this.lang);
    this.stream?.close();
    this.stream = null;
    clearInterval(this.ticker);
    this.tabs.clear();
    this.offers.clear();
    this.active = null;
    void this.start();
  }

  private languageButton(): HTMLButtonElement {
    return h('button', {
      type: 'button',
      class: 'lang',
      lang: this.lang === 'ko' ? 'en' : 'ko',
      title: this.t('language_switch_label'),
      text: this.t('language_switch'),
      onclick: () => this.switchLanguage(),
    });
  }

  // ---- sign-in ----

  private renderLogin(problem = ''): void {
    const form = loginForm({
      texts: {
        title: this.t('login_title'),
        username: this.t('username'),
        password: this.t('password'),
        submit: this.t('login'),
      },
      problem,
      signIn: async (username, password) => {
        await this.client.login(username, password);
        await this.start();
      },
      failed: (e) => this.t('login_failed', { message: (e as Error).message }),
    });
    this.root.replaceChildren(h('header', { class: 'top' }, h('span', { class: 'brand', text: 'AICC' }), this.languageButton()), form);
    focusLogin(form);
  }

  // ---- the desk ----

  private async renderDesk(): Promise<void> {
    const me = this.me!;
    this.stateSelect = h(
      'select',
      { id: 'agent-state' },
      ...STATES.map((s) => h('option', { value: s, text: trDynamic(this.lang, 'state', s) })),
    );
    if (me.state.state === 'busy') this.stateSelect.append(h('option', { value: 'busy', text: this.t('state_busy') }));
    this.stateSelect.value = me.state.state;
    this.stateReason = h('input', {
      id: 'agent-state-reason',
      placeholder: this.t('state_reason_placeholder'),
      value: me.state.reason ?? '',
    });
    const stateForm = h(
      'form',
      { class: 'state' },
      h('label', { for: 'agent-state', text: this.t('state') }),
      this.stateSelect,
      h('label', { for: 'agent-state-reason', text: this.t('state_reason') }),
      this.stateReason,
      h('button', { type: 'submit', text: this.t('state_apply') }),
    );
    stateForm.addEventListener('submit', (ev) => {
      ev.preventDefault();
      void this.changeState();
    });
    this.streamStatus = h('span', { class: 'stream', role: 'status', text: this.t('stream_offline') });
    this.notice = h('p', { class: 'notice', role: 'status', 'aria-live': 'polite' });
    this.offersList = h('ul', { class: 'offers', 'aria-label': this.t('offers') });
    this.tabList = h('div', { class: 'tabs', role: 'tablist', 'aria-label': this.t('conversations') });
    this.tabPanels = h('div', { class: 'panels' });
    this.tabList.addEventListener('keydown', (ev) => this.tabKeys(ev));

    this.root.replaceChildren(
      h(
        'header',
        { class: 'top' },
        h('h1', { class: 'brand', text: this.t('app_title') }),
        h('span', { class: 'who', text: me.display_name || me.username }),
        stateForm,
        this.streamStatus,
        this.languageButton(),
        h('button', { type: 'button', class: 'logout', text: this.t('logout'), onclick: () => void this.logout() }),
      ),
      h(
        'div',
        { class: 'desk' },
        h(
          'aside',
          { class: 'inbox', 'aria-labelledby': 'offers-title' },
          h('h2', { id: 'offers-title', text: this.t('offers') }),
          this.offersList,
          this.notice,
        ),
        h(
          'main',
          { class: 'work' },
          h('h2', { class: 'visually-hidden', text: this.t('conversations') }),
          this.tabList,
          this.tabPanels,
        ),
      ),
    );
    this.renderOffers();
    this.renderEmpty();
    try {
      const inbox = await this.client.inbox();
      this.offerTimeout = inbox.offer_timeout_s;
    } catch {
      // The stream's snapshot brings the same offers; the default timeout stays.
    }
    this.ticker = setInterval(() => this.tick(), 1000);
    this.stream = new ReconnectingStream(this.client.streamUrl(), {
      onEvent: (e) => this.onEvent(e),
      onConnected: () => {
        this.streamStatus.textContent = this.t('stream_online');
        this.streamStatus.classList.add('online');
      },
      onDisconnected: () => {
        this.streamStatus.textContent = this.t('stream_offline');
        this.streamStatus.classList.remove('online');
      },
    });
  }

  private async logout(): Promise<void> {
    this.stream?.close();
    clearInterval(this.ticker);
    try {
      await this.client.logout();
    } catch {
      // The token is dropped either way.
    }
    this.tabs.clear();
    this.offers.clear();
    this.renderLogin();
  }

  private async changeState(): Promise<void> {
    try {
      this.me = await this.client.setState(this.stateSelect.value, this.stateReason.value.trim());
      this.say(this.t('state_changed', { state: trDynamic(this.lang, 'state', this.me.state.state) }));
    } catch (e) {
      this.say(this.t('action_failed', { message: (e as Error).message }));
    }
  }

  private say(text: string): void {
    this.notice.textContent = text;
  }

  // ---- the stream ----

  private onEvent(e: StreamEvent): void {
    if (e.type === 'inbox.snapshot') {
      const offers = e.offers as AgentWork[];
      this.offers.clear();
      for (const o of offers) this.offers.set(o.id, o);
      this.renderOffers();
      // The snapshot is the truth: a conversation that ended while the stream was down goes.
      const working = new Set((e.conversations as AgentWork[]).map((w) => w.id));
      for (const id of [...this.tabs.keys()]) if (!working.has(id)) this.closeTab(id);
      for (const w of e.conversations as AgentWork[]) {
        const tab = this.tabs.get(w.id);
        if (tab) void this.catchUp(tab);
        else this.openTab(w, false);
      }
    } else if (e.type === 'escalation.updated') {
      this.onEscalation(e.escalation as AgentWork);
    } else if (e.type === 'message.created') {
      const m = e.message as TurnMessage;
      for (const tab of this.tabs.values())
        if (tab.work.conversation_id === m.conversation_id) this.addMessage(tab, m, true);
    } else if (e.type === 'agent.state') {
      const agent = e.agent as AgentProfile;
      if (![...this.stateSelect.options].some((o) => o.value === agent.state.state))
        this.stateSelect.append(h('option', { value: agent.state.state, text: trDynamic(this.lang, 'state', agent.state.state) }));
      this.stateSelect.value = agent.state.state;
    }
  }

  private onEscalation(w: AgentWork): void {
    // Only the agent's view of an escalation (it names the agent) moves offers and tabs.
    if (!('agent_id' in w)) return;
    const mine = w.agent_id === this.me!.id;
    if (mine && w.state === 'offered') {
      this.offers.set(w.id, w);
      this.renderOffers();
      return;
    }
    if (this.offers.delete(w.id)) {
      this.renderOffers();
      if (!mine) this.say(this.t('offer_gone', { reference: w.reference }));
    }
    const tab = this.tabs.get(w.id);
    if (mine && (w.state === 'assigned' || w.state === 'wrap_up')) {
      if (tab) tab.work = w;
      else this.openTab(w, true);
    } else if (tab && (!mine || ENDED.has(w.state))) {
      this.closeTab(w.id);
    }
  }

  // ---- offers ----

  private remaining(o: AgentWork): number {
    if (!o.offered_at) return this.offerTimeout;
    const left = this.offerTimeout - (Date.now() - Date.parse(o.offered_at)) / 1000;
    return Math.max(0, Math.ceil(left));
  }

  private tick(): void {
    for (const [id, o] of this.offers) {
      const left = this.remaining(o);
      const el = this.offersList.querySelector<HTMLElement>(`[data-offer="${id}"] .countdown`);
      if (el) el.textContent = this.t('countdown', { seconds: left });
      if (left === 0) {
        // Routing moves it on; the stream says so. Until then it cannot be accepted anyway.
        this.offers.delete(id);
        this.renderOffers();
      }
    }
  }

  private renderOffers(): void {
    if (this.offers.size === 0) {
      this.offersList.replaceChildren(h('li', { class: 'empty', text: this.t('no_offers') }));
      return;
    }
    this.offersList.replaceChildren(
      ...[...this.offers.values()].map((o) => {
        const title = uid('offer');
        return h(
          'li',
          { class: `offer priority-${o.priority}`, 'data-offer': o.id, 'aria-labelledby': title },
          h('strong', { id: title, text: this.t('offer_label', { reference: o.reference }) }),
          h(
            'dl',
            {},
            h('dt', { text: this.t('reason') }),
            h('dd', { text: o.reason }),
            h('dt', { text: this.t('priority') }),
            h('dd', { class: 'priority', text: trDynamic(this.lang, 'priority', o.priority) }),
            h('dt', { text: this.t('queue') }),
            h('dd', { text: o.queue_id }),
          ),
          h('p', { class: 'countdown', 'aria-live': 'off', text: this.t('countdown', { seconds: this.remaining(o) }) }),
          h(
            'div',
            { class: 'actions' },
            h('button', { type: 'button', class: 'accept', text: this.t('accept'), onclick: () => void this.accept(o) }),
            h('button', { type: 'button', class: 'decline', text: this.t('decline'), onclick: () => void this.decline(o) }),
          ),
        );
      }),
    );
  }

  private async accept(o: AgentWork): Promise<void> {
    try {
      const w = await this.client.accept(o.id);
      this.offers.delete(o.id);
      this.renderOffers();
      if (!this.tabs.has(w.id)) this.openTab(w, true);
      else this.select(w.id, true);
    } catch (e) {
      this.offers.delete(o.id);
      this.renderOffers();
      this.say(this.t('action_failed', { message: (e as Error).message }));
    }
  }

  private async decline(o: AgentWork): Promise<void> {
    try {
      await this.client.decline(o.id);
    } catch (e) {
      this.say(this.t('action_failed', { message: (e as Error).message }));
    }
    this.offers.delete(o.id);
    this.renderOffers();
  }

  // ---- tabs ----

  private renderEmpty(): void {
    if (this.tabs.size === 0)
      this.tabPanels.replaceChildren(h('p', { class: 'empty', text: this.t('no_conversations') }));
  }

  private openTab(w: AgentWork, focus: boolean): void {
    if (this.tabs.size === 0) this.tabPanels.replaceChildren();
    const panelId = `panel-${w.id}`;
    const button = h('button', {
      type: 'button',
      role: 'tab',
      id: `tab-${w.id}`,
      'aria-controls': panelId,
      'aria-selected': 'false',
      tabindex: '-1',
      text: w.reference,
      onclick: () => this.select(w.id, false),
    });
    const panel = h(
      'section',
      { role: 'tabpanel', id: panelId, 'aria-labelledby': `tab-${w.id}`, hidden: true, class: 'conversation' },
      h('p', { text: this.t('loading') }),
    );
    const tab: Tab = { work: w, ctx: null, seqs: new Set(), button, panel, log: null, unread: false };
    this.tabs.set(w.id, tab);
    this.tabList.append(button);
    this.tabPanels.append(panel);
    if (focus || this.active === null) this.select(w.id, focus);
    void this.load(tab);
  }

  private select(id: string, focus: boolean): void {
    this.active = id;
    for (const [tid, tab] of this.tabs) {
      const on = tid === id;
      tab.button.setAttribute('aria-selected', String(on));
      tab.button.tabIndex = on ? 0 : -1;
      tab.panel.hidden = !on;
      if (on) {
        tab.unread = false;
        tab.button.classList.remove('unread');
        tab.button.textContent = tab.work.reference;
      }
    }
    if (focus) this.tabs.get(id)?.button.focus();
  }

  // Arrow keys move between tabs (the WAI-ARIA tabs pattern).
  private tabKeys(ev: KeyboardEvent): void {
    if (ev.key !== 'ArrowRight' && ev.key !== 'ArrowLeft') return;
    const ids = [...this.tabs.keys()];
    const at = ids.indexOf(this.active ?? '');
    if (at < 0) return;
    const next = ids[(at + (ev.key === 'ArrowRight' ? 1 : ids.length - 1)) % ids.length];
    this.select(next, true);
    ev.preventDefault();
  }

  private closeTab(id: string): void {
    const tab = this.tabs.get(id);
    if (!tab) return;
    tab.button.remove();
    tab.panel.remove();
    this.tabs.delete(id);
    if (this.active === id) {
      this.active = null;
      const first = this.tabs.keys().next();
      if (!first.done) this.select(first.value, true);
    }
    this.renderEmpty();
  }

  private async load(tab: Tab): Promise<void> {
    try {
      tab.ctx = await this.client.context(tab.work.id);
    } catch (e) {
      tab.panel.replaceChildren(h('p', { class: 'error', role: 'alert', text: this.t('action_failed', { message: (e as Error).message }) }));
      return;
    }
    tab.work = tab.ctx.escalation;
    this.renderConversation(tab);
  }

  // After a reconnect: messages missed meanwhile (the context is read again).
  private async catchUp(tab: Tab): Promise<void> {
    try {
      const ctx = await this.client.context(tab.work.id);
      for (const m of ctx.transcript) this.addMessage(tab, m, false);
    } catch {
      // The next event or reconnect tries again.
    }
  }

  // ---- one conversation ----

  private renderConversation(tab: Tab): void {
    const ctx = tab.ctx!;
    const language = ctx.escalation.language || ctx.conversation.language || 'ko';
    tab.log = h('ol', { class: 'transcript', role: 'log', 'aria-label': this.t('transcript'), 'aria-live': 'polite' });
    tab.seqs.clear();
    for (const m of ctx.transcript) this.addMessage(tab, m, false);
    tab.panel.replaceChildren(
      h(
        'div',
        { class: 'chat' },
        h('h3', { class: 'visually-hidden', text: this.t('transcript') }),
        tab.log,
        this.replyBox(tab, language),
      ),
      h(
        'div',
        { class: 'side' },
        this.escalationCard(ctx),
        this.profileCard(ctx),
        this.summaryCard(ctx),
        this.earlierCard(ctx),
        this.transferCard(tab, ctx),
        this.wrapUpCard(tab),
      ),
    );
    tab.log.scrollTop = tab.log.scrollHeight;
  }

  private messageItem(m: TurnMessage): HTMLElement {
    const badges: HTMLElement[] = [];
    if (m.sender === 'customer') {
      if (m.intent)
        badges.push(
          h('span', {
            class: 'badge intent',
            title: m.confidence === null ? undefined : `${Math.round(m.confidence * 100)}%`,
            text: `${this.t('intent')}: ${m.intent}`,
          }),
        );
      if (m.sentiment)
        badges.push(h('span', { class: `badge sentiment ${m.sentiment}`, text: trDynamic(this.lang, 'sentiment', m.sentiment) }));
    }
    return h(
      'li',
      { class: `msg ${m.sender}`, 'data-seq': m.seq },
      h('span', { class: 'who', text: this.t(m.sender as DeskKey) }),
      h('p', { class: 'bubble', text: m.text }),
      badges.length ? h('span', { class: 'badges' }, badges) : null,
    );
  }

  private addMessage(tab: Tab, m: TurnMessage, live: boolean): void {
    if (tab.seqs.has(m.seq) || !tab.log) return;
    tab.seqs.add(m.seq);
    const item = this.messageItem(m);
    // Keep seq order even if a live event overtakes a catch-up read.
    const after = [...tab.log.children].find((c) => Number((c as HTMLElement).dataset.seq) > m.seq);
    tab.log.insertBefore(item, after ?? null);
    tab.log.scrollTop = tab.log.scrollHeight;
    if (live && this.active !== tab.work.id && m.sender === 'customer') {
      tab.unread = true;
      tab.button.classList.add('unread');
      tab.button.textContent = `${tab.work.reference} • ${this.t('new_message')}`;
    }
  }

  private card(title: string, ...body: (Node | null)[]): HTMLElement {
    const id = uid('card');
    return h('section', { class: 'card', 'aria-labelledby': id }, h('h3', { id, text: title }), ...body);
  }

  private definitions(rows: [string, string | Node][]): HTMLElement {
    return h(
      'dl',
      {},
      rows.flatMap(([k, v]) => [h('dt', { text: k }), h('dd', {}, v)]),
    );
  }

  private escalationCard(ctx: EscalationContext): HTMLElement {
    const e = ctx.escalation;
    return this.card(
      this.t('escalation'),
      this.definitions([
        [this.t('reference'), e.reference],
        [this.t('reason'), e.reason],
        [this.t('priority'), h('span', { class: `priority priority-${e.priority}`, text: trDynamic(this.lang, 'priority', e.priority) })],
        [this.t('queue'), e.queue_id],
        ...(e.note ? ([[this.t('note'), e.note]] as [string, string][]) : []),
      ]),
    );
  }

  private profileCard(ctx: EscalationContext): HTMLElement {
    const c = ctx.customer;
    const dash = this.t('unknown');
    return this.card(
      this.t('profile'),
      this.definitions([
        [this.t('name'), c.name ?? dash],
        [this.t('phone'), c.phone ?? dash],
        [this.t('email'), c.email ?? dash],
        [this.t('language'), c.language ?? ctx.conversation.language ?? dash],
        [this.t('channel'), ctx.conversation.channel],
        [this.t('vip'), c.vip ? h('strong', { class: 'vip', text: this.t('yes') }) : this.t('no')],
      ]),
      h('p', { class: 'count', text: this.t('conversation_count', { count: c.earlier_conversation_count }) }),
    );
  }

  private summaryCard(ctx: EscalationContext): HTMLElement {
    const s = ctx.summary;
    if (s.sentences.length === 0) return this.card(this.t('summary'), h('p', { text: this.t('summary_empty') }));
    return this.card(
      this.t('summary'),
      h('ul', { class: 'summary' }, ...s.sentences.map((x) => h('li', { text: x.text }))),
      s.intents.length
        ? h('p', {}, h('strong', { text: `${this.t('summary_intents')}: ` }), s.intents.map((i) => `${i.intent} (${i.count})`).join(', '))
        : null,
      s.entities.length
        ? h('p', {}, h('strong', { text: `${this.t('summary_entities')}: ` }), s.entities.map((x) => `${x.type}: ${x.text}`).join(', '))
        : null,
    );
  }

  private earlierCard(ctx: EscalationContext): HTMLElement {
    if (ctx.earlier_conversations.length === 0) return this.card(this.t('earlier'), h('p', { text: this.t('no_earlier') }));
    return this.card(
      this.t('earlier'),
      h(
        'ul',
        { class: 'earlier' },
        ...ctx.earlier_conversations.map((c) => {
          const box = h('ol', { class: 'transcript small', hidden: true, 'aria-label': this.t('transcript') });
          const toggle = h('button', { type: 'button', 'aria-expanded': 'false', text: this.t('open_transcript') });
          toggle.addEventListener('click', async () => {
            const open = toggle.getAttribute('aria-expanded') === 'true';
            if (!open && box.childElementCount === 0) {
              try {
                const doc = await this.client.earlierConversation(ctx.customer.id, c.id);
                box.replaceChildren(...doc.transcript.map((m) => this.messageItem(m)));
              } catch (e) {
                box.replaceChildren(h('li', { class: 'error', text: (e as Error).message }));
              }
            }
            box.hidden = open;
            toggle.setAttribute('aria-expanded', String(!open));
            toggle.textContent = this.t(open ? 'open_transcript' : 'hide_transcript');
          });
          const label = `${fmtTime(c.created_at, this.lang)} · ${c.channel} · ${c.state}${c.escalation ? ' · ' + c.escalation.reason : ''}`;
          return h('li', {}, h('span', { text: label }), toggle, box);
        }),
      ),
    );
  }

  private transferCard(tab: Tab, ctx: EscalationContext): HTMLElement {
    const queueId = uid('queue');
    const agentId = uid('agent');
    const queue = h(
      'select',
      { id: queueId },
      h('option', { value: '', text: '—' }),
      ...ctx.queues.map((q) => h('option', { value: q.id, text: q.name[this.lang] ?? q.id })),
    );
    const agent = h('input', { id: agentId, autocomplete: 'off' });
    const form = h(
      'form',
      { class: 'transfer' },
      h('label', { for: queueId, text: this.t('transfer_queue') }),
      queue,
      h('label', { for: agentId, text: this.t('transfer_agent') }),
      agent,
      h('button', { type: 'submit', text: this.t('transfer_submit') }),
    );
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const target = agent.value.trim() ? { agent: agent.value.trim() } : { queue: queue.value };
      try {
        await this.client.transfer(tab.work.id, target);
        this.say(this.t('transfer_done'));
        this.closeTab(tab.work.id);
      } catch (e) {
        this.say(this.t('action_failed', { message: (e as Error).message }));
      }
    });
    return this.card(this.t('transfer'), form);
  }

  private wrapUpCard(tab: Tab): HTMLElement {
    const dispId = uid('disp');
    const notesId = uid('notes');
    const disposition = h(
      'select',
      { id: dispId, required: true },
      ...DISPOSITIONS.map(([code, key]) => h('option', { value: code, text: this.t(key) })),
    );
    const notes = h('textarea', { id: notesId, rows: 2, maxlength: 2000 });
    const error = h('p', { class: 'error', role: 'alert' });
    const form = h(
      'form',
      { class: 'wrap-up' },
      h('label', { for: dispId, text: this.t('disposition') }),
      disposition,
      h('label', { for: notesId, text: this.t('notes') }),
      notes,
      h('button', { type: 'submit', text: this.t('wrap_up_submit') }),
      error,
    );
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      try {
        await this.client.wrapUp(tab.work.id, disposition.value, notes.value.trim());
        this.closeTab(tab.work.id);
      } catch (e) {
        error.textContent = this.t('action_failed', { message: (e as Error).message });
      }
    });
    return this.card(this.t('wrap_up'), form);
  }

  // ---- replying, with canned responses ----

  private async cannedFor(language: string): Promise<CannedResponse[]> {
    const cached = this.canned.get(language);
    if (cached) return cached;
    try {
      const doc = await this.client.canned(language);
      this.canned.set(language, doc.canned_responses);
      return doc.canned_responses;
    } catch {
      return [];
    }
  }

  private replyBox(tab: Tab, language: string): HTMLElement {
    const inputId = uid('reply');
    const listId = uid('canned-list');
    const pickId = uid('canned-pick');
    const input = h('textarea', {
      id: inputId,
      rows: 3,
      maxlength: 1000,
      placeholder: this.t('reply_placeholder'),
      role: 'combobox',
      'aria-autocomplete': 'list',
      'aria-expanded': 'false',
      'aria-controls': listId,
    });
    const list = h('ul', { id: listId, role: 'listbox', class: 'suggestions', hidden: true, 'aria-label': this.t('canned') });
    const pick = h('select', { id: pickId }, h('option', { value: '', text: '—' }));
    const error = h('p', { class: 'error', role: 'alert' });
    let choices: CannedResponse[] = [];
    let highlighted = 0;

    void this.cannedFor(language).then((all) => {
      for (const c of all)
        pick.append(h('option', { value: c.id, text: c.shortcut ? `${c.shortcut} · ${c.title}` : c.title }));
    });

    const use = (c: CannedResponse) => {
      input.value = c.text;
      closeList();
      input.focus();
    };
    const closeList = () => {
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
    };
    const showList = () => {
      list.replaceChildren(
        ...(choices.length
          ? choices.map((c, i) =>
              h(
                'li',
                {
                  role: 'option',
                  id: `${listId}-${i}`,
                  'aria-selected': String(i === highlighted),
                  onmousedown: (ev: Event) => {
                    ev.preventDefault();
                    use(c);
                  },
                },
                h('strong', { text: c.shortcut ?? '' }),
                ` ${c.title} — ${c.text}`,
              ),
            )
          : [h('li', { class: 'none', text: this.t('canned_none') })]),
      );
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
      if (choices.length) input.setAttribute('aria-activedescendant', `${listId}-${highlighted}`);
    };
    input.addEventListener('input', async () => {
      const v = input.value;
      if (!v.startsWith('/') || v.includes('\n')) return closeList();
      const q = v.slice(1).toLowerCase();
      const all = await this.cannedFor(language);
      choices = all.filter(
        (c) => (c.shortcut ?? '').slice(1).startsWith(q) || c.title.toLowerCase().includes(q),
      );
      highlighted = 0;
      showList();
    });
    const send = async () => {
      const text = input.value.trim();
      if (!text) return;
      error.textContent = '';
      try {
        const sent = await this.client.send(tab.work.conversation_id, text, clientMsgId());
        this.addMessage(tab, sent.message, false);
        input.value = '';
      } catch (e) {
        error.textContent = this.t('send_failed', { message: (e as Error).message });
      }
    };
    input.addEventListener('keydown', (ev) => {
      if (!list.hidden && choices.length) {
        if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
          highlighted = (highlighted + (ev.key === 'ArrowDown' ? 1 : choices.length - 1)) % choices.length;
          showList();
          ev.preventDefault();
          return;
        }
        if (ev.key === 'Enter' || ev.key === 'Tab') {
          use(choices[highlighted]);
          ev.preventDefault();
          return;
        }
      }
      if (ev.key === 'Escape') return closeList();
      if (ev.key === 'Enter' && !ev.shiftKey) {
        ev.preventDefault();
        void send();
      }
    });
    input.addEventListener('blur', () => closeList());
    pick.addEventListener('change', async () => {
      const c = (await this.cannedFor(language)).find((x) => x.id === pick.value);
      if (c) use(c);
      pick.value = '';
    });
    return h(
      'form',
      {
        class: 'reply',
        onsubmit: (ev: Event) => {
          ev.preventDefault();
          void send();
        },
      },
      h('label', { for: inputId, text: this.t('reply_label') }),
      h('div', { class: 'combo' }, input, list),
      h(
        'div',
        { class: 'reply-actions' },
        h('label', { for: pickId, text: this.t('canned_pick') }),
        pick,
        h('button', { type: 'submit', text: this.t('send') }),
      ),
      error,
    );
  }
}
