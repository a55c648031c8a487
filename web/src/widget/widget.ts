// The customer chat widget: a launcher button and a chat panel inside a shadow root.
// State lives in three places: the server (the conversation and its messages, the truth),
// a Map of messages keyed by seq (so the stream, the POST responses and history reads can
// all deliver the same message without it showing twice), and sessionStorage (which
// conversation this tab is in, so a reload resumes it).
import { ApiClient, ApiError, type Conversation, type EscalationStatus, type Message } from '../shared/api';
import { type Lang, type TextKey, t } from '../shared/i18n';
import { ReconnectingStream, type StreamEvent } from '../shared/stream';
import { type SavedSession, SessionStore } from './session';
import { styles } from './styles';

export interface WidgetOptions {
  server: string; // origin of the AICC server
  lang: Lang;
  openOnLoad: boolean;
}

// While waiting for a person the queue position and wait estimate are read again this
// often (and at once on every escalation.updated event): the estimate moves slowly, and
// every open widget polls, so not faster.
const STATUS_POLL_MS = 10_000;

// A one-off word about the hand-off (the wait was cancelled, an agent was already
// there), shown with the escalation it is about and gone with the next message.
interface HandoffNote {
  escalationId: string;
  text: string;
}

interface Pending {
  text: string;
  failed: boolean;
  el: HTMLLIElement;
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  text?: string,
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

function newClientMsgId(): string {
  const b = new Uint8Array(16);
  crypto.getRandomValues(b);
  return 'w-' + Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

export class ChatWidget {
  private readonly api: ApiClient;
  private readonly store: SessionStore;
  private readonly saved: SavedSession;
  private conversation: Conversation | null = null;
  private readonly messages = new Map<number, Message>();
  // Every seq up to this one is here (seqs run 1, 2, 3 … per conversation). A catch-up reads
  // from it, not from the highest seq: a POST answered while the stream was down can bring
  // seq 12 while 10 and 11 (say, an agent's) are still missing.
  private contiguousSeq = 0;
  private readonly elements = new Map<number, HTMLLIElement>();
  private readonly pending = new Map<string, Pending>();
  private stream: ReconnectingStream | null = null;
  private starting: Promise<void> | null = null;
  private awaitingBot = 0;
  // The conversation's newest escalation (GET …/status), null while it has none.
  private escalation: EscalationStatus | null = null;
  private statusReading: Promise<void> | null = null;
  private statusAgain = false;
  private statusPoll: ReturnType<typeof setInterval> | undefined;
  private handoffNote: HandoffNote | null = null;
  // What the banner and the rating box show now: they are rebuilt only when it changes,
  // so a refresh does not take the focus or a half-typed phone number away.
  private bannerShows = '';
  private csatShows = '';

  private readonly rootEl: HTMLDivElement;
  private readonly launcher: HTMLButtonElement;
  private readonly panel: HTMLDivElement;
  private readonly banner: HTMLDivElement;
  private readonly connBanner: HTMLDivElement;
  private readonly scroller: HTMLDivElement;
  private readonly log: HTMLOListElement;
  private readonly typingEl: HTMLDivElement;
  private readonly input: HTMLTextAreaElement;
  private readonly sendBtn: HTMLButtonElement;
  private readonly composer: HTMLFormElement;
  private readonly ended: HTMLDivElement;
  private readonly csatBox: HTMLDivElement;
  private readonly restartBtn: HTMLButtonElement;

  constructor(
    shadow: ShadowRoot,
    private readonly opts: WidgetOptions,
  ) {
    this.api = new ApiClient(opts.server);
    this.store = new SessionStore(opts.server);
    this.saved = this.store.load();

    const style = el('style');
    style.textContent = styles;
    this.rootEl = el('div', { class: 'root', lang: opts.lang });
    this.launcher = el('button', {
      class: 'launcher',
      type: 'button',
      'aria-expanded': 'false',
      'aria-controls': 'aicc-panel',
      'aria-label': this.t('launcher_open'),
    });
    this.launcher.textContent = '💬';
    this.launcher.addEventListener('click', () => (this.isOpen() ? this.close() : void this.open()));

    this.panel = el('div', { class: 'panel', id: 'aicc-panel', role: 'dialog', 'aria-labelledby': 'aicc-title' });
    this.panel.hidden = true;
    this.panel.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') this.close();
    });
    const header = el('div', { class: 'header' });
    const closeBtn = el('button', { type: 'button', 'aria-label': this.t('close') }, '×');
    closeBtn.addEventListener('click', () => this.close());
    header.append(el('h2', { id: 'aicc-title' }, this.t('title')), closeBtn);

    this.connBanner = el('div', { class: 'banner', role: 'status' });
    this.connBanner.hidden = true;
    this.banner = el('div', { class: 'banner handoff', role: 'status', 'aria-live': 'polite' });
    this.banner.hidden = true;

    this.scroller = el('div', { class: 'scroll' });
    this.log = el('ol', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-label': this.t('log_label') });
    this.typingEl = el('div', { class: 'typing', role: 'status' });
    this.typingEl.append(el('span', { class: 'sr-only' }, this.t('typing')));
    for (let i = 0; i < 3; i++) this.typingEl.append(el('span', { class: 'dot', 'aria-hidden': 'true' }));
    this.typingEl.hidden = true;
    this.scroller.append(this.log, this.typingEl);

    this.composer = el('form', { class: 'composer' });
    const label = el('label', { for: 'aicc-input', class: 'sr-only' }, this.t('input_label'));
    this.input = el('textarea', { id: 'aicc-input', rows: '1', placeholder: this.t('input_placeholder') });
    this.input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        this.composer.requestSubmit();
      }
    });
    this.sendBtn = el('button', { type: 'submit' }, this.t('send'));
    this.composer.append(label, this.input, this.sendBtn);
    this.composer.addEventListener('submit', (e) => {
      e.preventDefault();
      const text = this.input.value.trim();
      if (!text) return;
      this.input.value = '';
      void this.send(text);
    });

    this.ended = el('div', { class: 'ended' });
    this.ended.hidden = true;
    const restart = el('button', { type: 'button' }, this.t('new_conversation'));
    restart.addEventListener('click', () => void this.restart());
    this.restartBtn = restart;
    this.csatBox = el('div', { class: 'csat' });
    this.csatBox.hidden = true;
    this.ended.append(el('p', {}, this.t('closed')), this.csatBox, restart);

    this.panel.append(header, this.connBanner, this.banner, this.scroller, this.composer, this.ended);
    this.rootEl.append(this.panel, this.launcher);
    shadow.append(style, this.rootEl);

    if (this.saved.conversationId) void this.ensureConversation();
    if (this.saved.open || opts.openOnLoad) void this.open(false);
  }

  private t(key: TextKey, vars?: Record<string, string | number>): string {
    return t(this.opts.lang, key, vars);
  }

  private isOpen(): boolean {
    return !this.panel.hidden;
  }

  async open(focus = true): Promise<void> {
    this.panel.hidden = false;
    this.rootEl.classList.add('open');
    this.launcher.setAttribute('aria-expanded', 'true');
    this.launcher.setAttribute('aria-label', this.t('launcher_close'));
    this.saved.open = true;
    this.store.save(this.saved);
    if (focus) this.input.focus();
    await this.ensureConversation();
    this.scrollToEnd();
  }

  close(): void {
    this.panel.hidden = true;
    this.rootEl.classList.remove('open');
    this.launcher.setAttribute('aria-expanded', 'false');
    this.launcher.setAttribute('aria-label', this.t('launcher_open'));
    this.saved.open = false;
    this.store.save(this.saved);
    this.launcher.focus();
  }

  // The conversation of this tab: the saved one if the server still has it, else a new one.
  private ensureConversation(): Promise<void> {
    this.starting ??= this.startOrResume().catch((e: unknown) => {
      this.starting = null;
      this.showNotice(this.t('start_failed'));
      console.error('AICC widget:', e);
    });
    return this.starting;
  }

  private async startOrResume(): Promise<void> {
    const id = this.saved.conversationId;
    if (id) {
      try {
        this.setConversation(await this.api.conversation(id));
        for (const m of await this.api.messagesAfter(id, 0)) this.addMessage(m);
        this.connect(id);
        return;
      } catch (e) {
        if (!(e instanceof ApiError && e.status === 404)) throw e;
        // The server no longer knows it (another database): start afresh.
      }
    }
    const opened = await this.api.openConversation(this.opts.lang);
    this.saved.conversationId = opened.conversation.id;
    this.saved.rated = {};
    this.store.save(this.saved);
    this.setConversation(opened.conversation);
    for (const m of opened.messages) this.addMessage(m);
    this.connect(opened.conversation.id);
  }

  private connect(id: string): void {
    this.stream?.close();
    this.stream = new ReconnectingStream(this.api.streamUrl(id), {
      onEvent: (e) => this.onStreamEvent(e),
      onConnected: () => {
        this.connBanner.hidden = true;
        void this.catchUp(id);
      },
      onDisconnected: () => {
        this.connBanner.textContent = this.t('reconnecting');
        this.connBanner.hidden = false;
      },
    });
  }

  // The server does not replay what a broken stream missed: read it from the history.
  private async catchUp(id: string): Promise<void> {
    try {
      for (const m of await this.api.messagesAfter(id, this.contiguousSeq)) this.addMessage(m);
      this.setConversation(await this.api.conversation(id));
      // Escalation events sent while the stream was down are not replayed either.
      if (this.conversation && this.hasHandoff(this.conversation)) await this.refreshStatus();
    } catch (e) {
      console.error('AICC widget: catch-up failed', e);
    }
  }

  private onStreamEvent(e: StreamEvent): void {
    if (e.type === 'message.created') this.addMessage(e.message as Message);
    else if (e.type === 'conversation.snapshot' || e.type === 'conversation.updated')
      this.setConversation(e.conversation as Conversation);
    // The event names the change; the position and wait estimate come with the status.
    else if (e.type === 'escalation.updated') void this.refreshStatus();
  }

  private setConversation(c: Conversation): void {
    if (this.conversation && c.id !== this.conversation.id) return;
    const before = this.conversation?.state;
    this.conversation = c;
    if (c.state !== before && this.hasHandoff(c)) void this.refreshStatus();
    const live = c.state === 'bot' || c.state === 'queued' || c.state === 'assigned';
    this.composer.hidden = !live;
    this.ended.hidden = live;
    this.renderHandoff();
    this.refreshChips();
    // The banner and the ended box take room from the message list: keep its end in view.
    this.scrollToEnd();
  }

  // Whether the conversation is (or was, and may be rated) in people's hands.
  private hasHandoff(c: Conversation): boolean {
    return c.state === 'queued' || c.state === 'assigned' || (c.state === 'closed' && c.close_reason === 'agent');
  }

  // Reads GET …/status; a call while one is on its way makes it read once more after it.
  private refreshStatus(): Promise<void> {
    if (this.statusReading) {
      this.statusAgain = true;
      return this.statusReading;
    }
    const id = this.conversation?.id;
    if (!id) return Promise.resolve();
    this.statusReading = (async () => {
      try {
        do {
          this.statusAgain = false;
          const status = await this.api.escalationStatus(id);
          if (this.conversation?.id !== id) return;
          this.escalation = status;
          this.renderHandoff();
        } while (this.statusAgain);
      } catch (e) {
        console.error('AICC widget: status failed', e);
      } finally {
        this.statusReading = null;
      }
    })();
    return this.statusReading;
  }

  private waiting(): boolean {
    return this.conversation?.state === 'queued' && this.escalation?.state !== 'callback_offered';
  }

  private renderHandoff(): void {
    const c = this.conversation;
    const esc = this.escalation;
    const note = this.handoffNote && this.handoffNote.escalationId === esc?.id && c?.state !== 'closed' ? this.handoffNote.text : '';
    const shows = JSON.stringify([c?.state, esc?.id, esc?.state, esc?.position, esc?.estimated_wait_seconds, esc?.callback_phone, note]);
    if (shows !== this.bannerShows) {
      this.bannerShows = shows;
      this.banner.replaceChildren();
      if (c?.state === 'queued' && esc?.state === 'callback_offered') {
        this.banner.append(el('strong', {}, this.t('callback_title')), el('span', { class: 'server-text' }, esc.message));
        this.banner.append(this.callbackForm(c.id), this.cancelButton(c.id));
      } else if (c?.state === 'queued') {
        this.banner.append(el('strong', {}, this.t('handoff_waiting')), el('span', {}, this.t('handoff_waiting_hint')));
        if (esc?.state === 'offered') this.banner.append(el('span', { class: 'queue' }, this.t('queue_offering')));
        else if (esc?.state === 'queued') {
          const queue = el('span', { class: 'queue' });
          if (esc.position !== null) queue.append(el('span', { class: 'position' }, this.t('queue_position', { position: esc.position })));
          if (esc.estimated_wait_seconds !== null)
            queue.append(el('span', { class: 'wait' }, this.t('queue_wait', { minutes: Math.max(1, Math.ceil(esc.estimated_wait_seconds / 60)) })));
          this.banner.append(queue);
        }
        this.banner.append(this.cancelButton(c.id));
      } else if (c?.state === 'assigned') {
        this.banner.append(el('strong', {}, this.t('handoff_assigned')), el('span', {}, this.t('handoff_assigned_hint')));
      } else if (c?.state === 'bot' && esc?.state === 'callback' && esc.callback_phone) {
        this.banner.append(el('strong', {}, this.t('callback_booked', { phone: esc.callback_phone })));
      }
      if (note) this.banner.append(el('span', { class: 'note' }, note));
      this.banner.hidden = this.banner.childElementCount === 0;
    }
    this.renderCsat();
    // Poll only while waiting in a queue; events bring the rest.
    if (this.waiting() && this.statusPoll === undefined)
      this.statusPoll = setInterval(() => void this.refreshStatus(), STATUS_POLL_MS);
    else if (!this.waiting()) this.stopPolling();
  }

  private stopPolling(): void {
    clearInterval(this.statusPoll);
    this.statusPoll = undefined;
  }

  private cancelButton(conversationId: string): HTMLButtonElement {
    const b = el('button', { type: 'button', class: 'cancel' }, this.t('cancel_wait'));
    b.addEventListener('click', () => {
      b.disabled = true;
      void this.cancelWait(conversationId).finally(() => (b.disabled = false));
    });
    return b;
  }

  private async cancelWait(conversationId: string): Promise<void> {
    let text: string;
    try {
      this.escalation = await this.api.cancelEscalation(conversationId);
      text = this.t('cancel_done');
    } catch (e) {
      // 409: an agent took it meanwhile (or it is over); the status says which.
      text = e instanceof ApiError && e.status === 409 ? this.t('cancel_already_connected') : this.t('cancel_failed');
      if (!(e instanceof ApiError && e.status === 409)) console.error('AICC widget: cancel failed', e);
    }
    try {
      this.setConversation(await this.api.conversation(conversationId));
      await this.refreshStatus();
    } catch (e) {
      console.error('AICC widget: reading the conversation failed', e);
    }
    if (this.escalation) this.handoffNote = { escalationId: this.escalation.id, text };
    this.renderHandoff();
    this.input.focus();
  }

  // Outside business hours or with a full queue the server offers a call instead.
  private callbackForm(conversationId: string): HTMLFormElement {
    const form = el('form', { class: 'callback' });
    const label = el('label', { for: 'aicc-callback-phone' }, this.t('callback_label'));
    const input = el('input', {
      id: 'aicc-callback-phone',
      type: 'tel',
      autocomplete: 'tel',
      inputmode: 'tel',
      'aria-describedby': 'aicc-callback-error',
    });
    const submit = el('button', { type: 'submit' }, this.t('callback_submit'));
    const error = el('span', { id: 'aicc-callback-error', class: 'field-error', role: 'alert' });
    const row = el('div', { class: 'row' });
    row.append(input, submit);
    form.append(label, row, error);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      submit.disabled = true;
      void (async () => {
        try {
          // The server checks the number (Korean formats) and says what is wrong.
          this.escalation = await this.api.requestCallback(conversationId, input.value.trim());
          this.setConversation(await this.api.conversation(conversationId));
          this.renderHandoff();
          this.input.focus();
        } catch (e) {
          const bad = e instanceof ApiError && e.status === 400;
          error.textContent = bad ? e.message : this.t('callback_failed');
          input.setAttribute('aria-invalid', String(bad));
          input.focus();
          if (!bad) console.error('AICC widget: callback failed', e);
        } finally {
          submit.disabled = false;
        }
      })();
    });
    return form;
  }

  // After the agent's wrap-up: 1–5 stars, once (the server keeps the score).
  private renderCsat(): void {
    const c = this.conversation;
    const esc = this.escalation;
    const due = c?.state === 'closed' && c.close_reason === 'agent' && esc?.state === 'done';
    const shows = due ? `${esc.id}:${esc.csat}` : '';
    if (shows === this.csatShows) return;
    this.csatShows = shows;
    this.csatBox.replaceChildren();
    this.csatBox.hidden = !due;
    if (!due) return;
    if (esc.csat !== null) {
      this.csatBox.append(el('p', { role: 'status', class: 'thanks' }, this.t('csat_thanks')));
      return;
    }
    const question = el('p', { id: 'aicc-csat-question' }, this.t('csat_question'));
    const stars = el('div', { class: 'stars', role: 'group', 'aria-labelledby': 'aicc-csat-question' });
    const error = el('p', { class: 'field-error', role: 'alert' });
    for (let score = 1; score <= 5; score++) {
      const b = el('button', { type: 'button', 'aria-label': this.t('csat_star', { score }) }, '★');
      b.addEventListener('click', () => void this.rate(c.id, score, stars, error));
      stars.append(b);
    }
    this.csatBox.append(question, stars, error);
  }

  private async rate(conversationId: string, score: number, stars: HTMLElement, error: HTMLElement): Promise<void> {
    const buttons = [...stars.querySelectorAll('button')];
    for (const b of buttons) b.disabled = true;
    try {
      this.escalation = await this.api.submitCsat(conversationId, score);
      this.renderHandoff();
      // The star that had the focus is gone: the next thing to do is the new conversation.
      this.restartBtn.focus();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        await this.refreshStatus(); // rated already (another tab): the status shows it
        return;
      }
      console.error('AICC widget: rating failed', e);
      error.textContent = this.t('csat_failed');
      for (const b of buttons) b.disabled = false;
    }
  }

  private addMessage(m: Message): void {
    if (this.messages.has(m.seq)) return;
    this.messages.set(m.seq, m);
    while (this.messages.has(this.contiguousSeq + 1)) this.contiguousSeq++;
    if (m.client_msg_id && this.pending.has(m.client_msg_id)) {
      this.pending.get(m.client_msg_id)!.el.remove();
      this.pending.delete(m.client_msg_id);
    }
    const item = this.renderMessage(m);
    this.elements.set(m.seq, item);
    // Keep seq order whatever order messages arrive in; unconfirmed sends stay last.
    let before: Element | null = null;
    for (const [seq, other] of this.elements) if (seq > m.seq && (!before || seq < Number(before.getAttribute('data-seq')))) before = other;
    before ??= this.log.querySelector('.pending');
    this.log.insertBefore(item, before);
    this.refreshChips();
    this.scrollToEnd();
  }

  private renderMessage(m: Message): HTMLLIElement {
    const item = el('li', { class: `msg ${m.sender}`, 'data-seq': String(m.seq) });
    const who = { customer: 'you', bot: 'bot', agent: 'agent', system: 'system' }[m.sender] as TextKey;
    item.append(el('span', { class: 'who' }, this.t(who) + ': '), el('div', { class: 'bubble' }, m.text));
    const scenario = m.details?.scenario;
    if (scenario && scenario.steps > 0) {
      const label = this.t('progress', { step: Math.min(scenario.step_number, scenario.steps), steps: scenario.steps });
      const progress = el('div', { class: 'progress' });
      const bar = el('div', {
        class: 'bar',
        role: 'progressbar',
        'aria-valuemin': '0',
        'aria-valuemax': '100',
        'aria-valuenow': String(scenario.percent),
        'aria-label': label,
      });
      const fill = el('span');
      fill.style.width = `${scenario.percent}%`;
      bar.append(fill);
      progress.append(el('span', { 'aria-hidden': 'true' }, label), bar);
      item.append(progress);
    }
    if (m.decision === 'faq_answer' && m.details?.faq) item.append(this.renderFeedback(m, m.details.faq.id));
    return item;
  }

  private renderFeedback(m: Message, faqId: string): HTMLElement {
    const box = el('div', { class: 'feedback' });
    if (m.id in this.saved.rated) {
      box.append(el('span', { role: 'status' }, this.t('helpful_thanks')));
      return box;
    }
    const yes = el('button', { type: 'button', 'aria-label': this.t('helpful_yes') }, '👍');
    const no = el('button', { type: 'button', 'aria-label': this.t('helpful_no') }, '👎');
    const vote = async (helpful: boolean) => {
      yes.disabled = no.disabled = true;
      try {
        await this.api.faqFeedback(faqId, helpful, this.conversation?.language ?? this.opts.lang);
        this.saved.rated[m.id] = helpful;
        this.store.save(this.saved);
        box.replaceChildren(el('span', { role: 'status' }, this.t('helpful_thanks')));
        this.input.focus();
      } catch (e) {
        yes.disabled = no.disabled = false;
        console.error('AICC widget: feedback failed', e);
      }
    };
    yes.addEventListener('click', () => void vote(true));
    no.addEventListener('click', () => void vote(false));
    box.append(el('span', {}, this.t('helpful_question')), yes, no);
    return box;
  }

  // Quick replies belong to the latest bot turn only, while the bot is in charge.
  private refreshChips(): void {
    for (const c of this.log.querySelectorAll('.chips')) c.remove();
    if (this.conversation?.state !== 'bot' || this.pending.size) return;
    const last = this.messages.size ? this.messages.get(Math.max(...this.messages.keys())) : undefined;
    const replies = last?.sender === 'bot' ? last.details?.quick_replies : undefined;
    if (!last || !replies?.length) return;
    const chips = el('div', { class: 'chips', role: 'group', 'aria-label': this.t('quick_replies') });
    for (const r of replies) {
      const b = el('button', { type: 'button', class: 'chip' }, r);
      b.addEventListener('click', () => {
        void this.send(r);
        this.input.focus();
      });
      chips.append(b);
    }
    this.elements.get(last.seq)?.append(chips);
  }

  private async send(text: string, retryId?: string): Promise<void> {
    await this.ensureConversation();
    const conv = this.conversation;
    if (!conv) return;
    const clientMsgId = retryId ?? newClientMsgId();
    let p = this.pending.get(clientMsgId);
    if (!p) {
      const item = el('li', { class: 'msg customer pending' });
      item.append(el('span', { class: 'who' }, this.t('you') + ': '), el('div', { class: 'bubble' }, text));
      this.log.append(item);
      p = { text, failed: false, el: item };
      this.pending.set(clientMsgId, p);
    } else {
      p.failed = false;
      p.el.classList.remove('failed');
      p.el.querySelector('.failed-note')?.remove();
    }
    this.refreshChips();
    this.scrollToEnd();
    this.setTyping(+1);
    if (this.handoffNote) {
      this.handoffNote = null;
      this.renderHandoff();
    }
    try {
      const posted = await this.api.sendMessage(conv.id, text, clientMsgId);
      this.addMessage(posted.message);
      for (const r of posted.replies) this.addMessage(r);
      // The stream may be down: learn about a hand-off or a goodbye from the API too.
      if (!posted.bot.active || posted.replies.some((r) => r.decision === 'escalate' || r.decision === 'goodbye'))
        this.setConversation(await this.api.conversation(conv.id));
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        this.setConversation(await this.api.conversation(conv.id).catch(() => conv));
      }
      this.markFailed(clientMsgId, text);
    } finally {
      this.setTyping(-1);
    }
  }

  private markFailed(clientMsgId: string, text: string): void {
    const p = this.pending.get(clientMsgId);
    if (!p) return;
    p.failed = true;
    p.el.classList.add('failed');
    const note = el('div', { class: 'failed-note', role: 'alert' }, this.t('send_failed'));
    const retry = el('button', { type: 'button' }, this.t('retry'));
    retry.addEventListener('click', () => void this.send(text, clientMsgId));
    note.append(retry);
    p.el.append(note);
  }

  private setTyping(delta: number): void {
    this.awaitingBot += delta;
    this.typingEl.hidden = !(this.awaitingBot > 0 && this.conversation?.state === 'bot');
    this.scrollToEnd();
  }

  private showNotice(text: string): void {
    this.connBanner.textContent = text;
    this.connBanner.hidden = false;
  }

  private async restart(): Promise<void> {
    this.stream?.close();
    this.stream = null;
    this.conversation = null;
    this.escalation = null;
    this.handoffNote = null;
    this.stopPolling();
    this.messages.clear();
    this.contiguousSeq = 0;
    this.elements.clear();
    this.pending.clear();
    this.log.replaceChildren();
    this.saved.conversationId = null;
    this.saved.rated = {};
    this.store.save(this.saved);
    this.starting = null;
    await this.ensureConversation();
    this.input.focus();
  }

  private scrollToEnd(): void {
    this.scroller.scrollTop = this.scroller.scrollHeight;
  }
}
