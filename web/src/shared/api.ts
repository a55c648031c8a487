// The customer chat API (docs/api.md "Customer chat", "FAQ") as typed calls. Shared by the
// widget and, next, the agent/supervisor/admin apps. Every failure becomes an ApiError
// carrying the server's one error shape.

export interface Conversation {
  id: string;
  customer_id: string;
  channel: string;
  language: string | null;
  state: 'bot' | 'queued' | 'assigned' | 'closed' | 'abandoned';
  close_reason: string | null;
  message_count: number;
  escalation: { reason: string; priority: string } | null;
}

export interface ScenarioProgress {
  id: string;
  step: string;
  step_number: number;
  steps: number;
  percent: number;
}

export interface MessageDetails {
  quick_replies?: string[];
  faq?: { id: string; question: string; confidence: number; threshold: number };
  scenario?: ScenarioProgress;
  escalation?: { reason: string; priority: string; description?: string };
}

export interface Message {
  id: string;
  conversation_id: string;
  seq: number;
  sender: 'customer' | 'bot' | 'agent' | 'system';
  sender_id: string | null;
  text: string;
  client_msg_id: string | null;
  decision: string | null;
  details: MessageDetails | null;
  created_at: string;
}

export interface BotStatus {
  active: boolean;
  reason: string | null;
}

export interface Opened {
  conversation: Conversation;
  messages: Message[];
  bot: BotStatus;
}

export interface Posted {
  message: Message;
  duplicate: boolean;
  replies: Message[];
  bot: BotStatus;
}

// A conversation's hand-over to people (docs/api.md "Escalation to an agent"), as
// GET …/status and the escalation calls answer it.
export type EscalationState =
  | 'queued'
  | 'offered'
  | 'assigned'
  | 'wrap_up'
  | 'done'
  | 'cancelled'
  | 'callback_offered'
  | 'callback';

export interface EscalationStatus {
  id: string;
  reference: string;
  conversation_id: string;
  state: EscalationState;
  reason: string;
  priority: string;
  queue: { id: string; name: string };
  position: number | null;
  waiting_in_queue: number;
  estimated_wait_seconds: number | null;
  available_agents: number;
  callback_offered: boolean;
  callback_phone: string | null;
  message: string;
  csat: number | null;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

// One JSON request to the API, for every app: the body (if any) as JSON, the staff token (if
// any) as a bearer token; a failure becomes an ApiError carrying the server's error shape
// (status 0, code "network" when the server could not be reached).
export async function requestJson<T>(method: string, url: string, body?: unknown, bearer?: string | null): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  let resp: Response;
  try {
    resp = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new ApiError(0, 'network', String(e));
  }
  const text = await resp.text();
  const doc = text ? JSON.parse(text) : null;
  if (!resp.ok) {
    const err = doc?.error ?? {};
    throw new ApiError(resp.status, err.code ?? 'http_' + resp.status, err.message ?? resp.statusText, err.details ?? {});
  }
  return doc as T;
}

export class ApiClient {
  // base: the server's origin, e.g. "https://chat.example.com" (no trailing slash).
  constructor(readonly base: string) {}

  private call<T>(method: string, path: string, body?: unknown): Promise<T> {
    return requestJson<T>(method, this.base + path, body);
  }

  openConversation(language: string): Promise<Opened> {
    return this.call('POST', '/api/v1/conversations', { channel: 'web', language });
  }

  conversation(id: string): Promise<Conversation> {
    return this.call('GET', `/api/v1/conversations/${encodeURIComponent(id)}`);
  }

  sendMessage(id: string, text: string, clientMsgId: string): Promise<Posted> {
    return this.call('POST', `/api/v1/conversations/${encodeURIComponent(id)}/messages`, {
      text,
      client_msg_id: clientMsgId,
    });
  }

  // Every message after `afterSeq` (0: the whole history), following the pages.
  async messagesAfter(id: string, afterSeq: number): Promise<Message[]> {
    const out: Message[] = [];
    let cursor: string | null = afterSeq > 0 ? String(afterSeq) : '';
    while (cursor !== null) {
      const page: { messages: Message[]; next_cursor: string | null } = await this.call(
        'GET',
        `/api/v1/conversations/${encodeURIComponent(id)}/messages?limit=200&cursor=${cursor}`,
      );
      out.push(...page.messages);
      cursor = page.next_cursor;
    }
    return out;
  }

  faqFeedback(faqId: string, helpful: boolean, language: string): Promise<unknown> {
    return this.call('POST', `/api/v1/faq/${encodeURIComponent(faqId)}/feedback`, { helpful, language });
  }

  // The conversation's newest escalation; null when it has none (404).
  async escalationStatus(id: string): Promise<EscalationStatus | null> {
    try {
      return await this.call('GET', `/api/v1/conversations/${encodeURIComponent(id)}/status`);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return null;
      throw e;
    }
  }

  // 409 once an agent works on it (details.reason "agent_working") or it is over.
  cancelEscalation(id: string): Promise<EscalationStatus> {
    return this.call('POST', `/api/v1/conversations/${encodeURIComponent(id)}/escalation/cancel`);
  }

  // The server validates the number: 400 with details.field "phone" and a message to show.
  requestCallback(id: string, phone: string): Promise<EscalationStatus> {
    return this.call('POST', `/api/v1/conversations/${encodeURIComponent(id)}/callback`, { phone });
  }

  // After the agent's wrap-up only (409 before, and when rated already).
  submitCsat(id: string, score: number): Promise<EscalationStatus> {
    return this.call('POST', `/api/v1/conversations/${encodeURIComponent(id)}/csat`, { score });
  }

  streamUrl(id: string): string {
    return this.base.replace(/^http/, 'ws') + `/api/v1/conversations/${encodeURIComponent(id)}/stream`;
  }
}
