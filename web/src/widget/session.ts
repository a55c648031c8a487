// What the widget keeps across page reloads in sessionStorage: the conversation it is
// in, whether the panel was open, and the FAQ answers already rated (so the question is
// not asked again). Per server, so two widgets of different servers do not mix.

export interface SavedSession {
  conversationId: string | null;
  open: boolean;
  rated: Record<string, boolean>; // message id -> the vote given
}

const EMPTY: SavedSession = { conversationId: null, open: false, rated: {} };

export class SessionStore {
  private readonly key: string;

  constructor(server: string) {
    this.key = 'aicc.widget:' + server;
  }

  load(): SavedSession {
    try {
      const raw = window.sessionStorage.getItem(this.key);
      return raw ? { ...EMPTY, ...(JSON.parse(raw) as Partial<SavedSession>) } : { ...EMPTY, rated: {} };
    } catch {
      // Storage disabled (privacy mode) or corrupt: start afresh, the chat still works.
      return { ...EMPTY, rated: {} };
    }
  }

  save(s: SavedSession): void {
    try {
      window.sessionStorage.setItem(this.key, JSON.stringify(s));
    } catch {
      // Storage full or disabled: only the reload-survival is lost.
    }
  }
}
