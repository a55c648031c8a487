// A conversation's live stream (WebSocket) that reconnects by itself. The server does not
// replay missed events, so after every (re)connect the owner is told (onConnected) and reads
// the history from its last seq; events are keyed by seq, so overlaps are harmless.

export interface StreamEvent {
  type: string;
  [key: string]: unknown;
}

export interface StreamHandlers {
  onEvent: (e: StreamEvent) => void;
  onConnected: () => void;
  onDisconnected: () => void;
}

const PING_MS = 25_000;
const MAX_BACKOFF_MS = 8_000;

export class ReconnectingStream {
  private ws: WebSocket | null = null;
  private stopped = false;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private pingTimer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly url: string,
    private readonly handlers: StreamHandlers,
  ) {
    this.connect();
    window.addEventListener('online', this.reconnectNow);
  }

  close(): void {
    this.stopped = true;
    window.removeEventListener('online', this.reconnectNow);
    clearTimeout(this.retryTimer);
    clearInterval(this.pingTimer);
    this.ws?.close(1000);
  }

  private readonly reconnectNow = () => {
    if (this.stopped || this.ws) return;
    clearTimeout(this.retryTimer);
    this.connect();
  };

  private connect(): void {
    const ws = new WebSocket(this.url);
    this.ws = ws;
    ws.onopen = () => {
      this.attempt = 0;
      this.pingTimer = setInterval(() => ws.send('{"type":"ping"}'), PING_MS);
      this.handlers.onConnected();
    };
    ws.onmessage = (m) => {
      try {
        this.handlers.onEvent(JSON.parse(String(m.data)) as StreamEvent);
      } catch {
        // A frame that is not JSON is not ours to interpret.
      }
    };
    ws.onclose = () => {
      clearInterval(this.pingTimer);
      this.ws = null;
      if (this.stopped) return;
      this.handlers.onDisconnected();
      // Backoff 0.5 s, 1 s, 2 s … capped, so a restarting server is not hammered.
      const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** this.attempt++);
      this.retryTimer = setTimeout(() => this.connect(), delay);
    };
  }
}
