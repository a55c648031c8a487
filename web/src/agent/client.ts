// The agent API (docs/api.md "Agent desk") as typed calls with the session token. Every
// failure becomes the shared ApiError with the server's one error shape.
import { requestJson, type Message } from '../shared/api';

export interface AgentWork {
  id: string;
  reference: string;
  conversation_id: string;
  customer_id: string;
  agent_id: string;
  state: string;
  reason: string;
  priority: string;
  queue_id: string;
  language: string;
  note: string;
  offered_at: string | null;
  assigned_at: string | null;
}

export interface Inbox {
  offers: AgentWork[];
  conversations: AgentWork[];
  offer_timeout_s: number;
}

export interface AgentProfile {
  id: string;
  username: string;
  display_name: string;
  role: string;
  state: { state: string; reason: string | null };
}

export interface TurnMessage extends Message {
  intent: string | null;
  confidence: number | null;
  sentiment: string | null;
  entities: { type: string; text: string }[];
}

export interface ConversationBrief {
  id: string;
  channel: string;
  state: string;
  created_at: string;
  closed_at: string | null;
  message_count: number;
  escalation: { reason: string; priority: string } | null;
}

export interface ContextCustomer {
  id: string;
  name: string | null;
  phone: string | null;
  email: string | null;
  language: string | null;
  tier: string;
  vip: boolean;
  earlier_conversation_count: number;
}

export interface Summary {
  sentences: { seq: number; text: string }[];
  intents: { intent: string; count: number }[];
  entities: { type: string; text: string }[];
  sentiment: Record<string, number>;
}

export interface EscalationContext {
  escalation: AgentWork;
  conversation: { id: string; channel: string; language: string | null; state: string };
  customer: ContextCustomer;
  transcript: TurnMessage[];
  earlier_conversations: ConversationBrief[];
  summary: Summary;
  queues: { id: string; name: Record<string, string> }[];
}

export interface CannedResponse {
  id: string;
  title: string;
  text: string;
  language: string;
  queue: string | null;
  shortcut: string | null;
}

const TOKEN_KEY = 'aicc.agent.token';

export class AgentClient {
  token: string | null = sessionStorage.getItem(TOKEN_KEY);

  constructor(readonly base: string) {}

  private call<T>(method: string, path: string, body?: unknown): Promise<T> {
    return requestJson<T>(method, this.base + path, body, this.token);
  }

  async login(username: string, password: string): Promise<void> {
    const doc = await this.call<{ token: string }>('POST', '/api/v1/auth/login', { username, password });
    this.token = doc.token;
    sessionStorage.setItem(TOKEN_KEY, doc.token);
  }

  async logout(): Promise<void> {
    try {
      await this.call('POST', '/api/v1/auth/logout', {});
    } finally {
      this.token = null;
      sessionStorage.removeItem(TOKEN_KEY);
    }
  }

  me(): Promise<AgentProfile> {
    return this.call('GET', '/api/v1/agent/me');
  }

  setState(state: string, reason: string): Promise<AgentProfile> {
    return this.call('PUT', '/api/v1/agent/state', { state, reason });
  }

  inbox(): Promise<Inbox> {
    return this.call('GET', '/api/v1/agent/inbox');
  }

  accept(id: string): Promise<AgentWork> {
    return this.call('POST', `/api/v1/agent/escalations/${encodeURIComponent(id)}/accept`, {});
  }

  decline(id: string): Promise<AgentWork> {
    return this.call('POST', `/api/v1/agent/escalations/${encodeURIComponent(id)}/decline`, {});
  }

  context(id: string): Promise<EscalationContext> {
    return this.call('GET', `/api/v1/agent/escalations/${encodeURIComponent(id)}/context`);
  }

  earlierConversation(customerId: string, conversationId: string): Promise<{ transcript: TurnMessage[] }> {
    return this.call(
      'GET',
      `/api/v1/agent/customers/${encodeURIComponent(customerId)}/conversations/${encodeURIComponent(conversationId)}`,
    );
  }

  send(conversationId: string, text: string, clientMsgId: string): Promise<{ message: TurnMessage }> {
    return this.call('POST', `/api/v1/agent/conversations/${encodeURIComponent(conversationId)}/messages`, {
      text,
      client_msg_id: clientMsgId,
    });
  }

  transfer(id: string, target: { queue?: string; agent?: string }): Promise<AgentWork> {
    return this.call('POST', `/api/v1/agent/escalations/${encodeURIComponent(id)}/transfer`, target);
  }

  wrapUp(id: string, disposition: string, notes: string): Promise<AgentWork> {
    return this.call('POST', `/api/v1/agent/escalations/${encodeURIComponent(id)}/wrap-up`, { disposition, notes });
  }

  canned(language: string): Promise<{ canned_responses: CannedResponse[] }> {
    return this.call('GET', `/api/v1/agent/canned-responses?language=${encodeURIComponent(language)}`);
  }

  streamUrl(): string {
    return (
      this.base.replace(/^http/, 'ws') + `/api/v1/agent/stream?access_token=${encodeURIComponent(this.token ?? '')}`
    );
  }
}
