// The e2e harness: starts the real `aicc serve` (the binary the test command built) on a
// temporary SQLite file and a free port, like tests/integration/aicc_harness.py, and
// gives the tests its URL and a small client for checking what the widget did via the API.
import { test as base, expect } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { cpSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = resolve(process.env.AICC_BIN ?? join(REPO, 'build', 'debug', 'src', 'main', 'aicc'));
// Shared with the integration tests: the first server of a run trains it, the rest load it.
const MODEL_FILE = join(tmpdir(), `aicc-it-model-${process.getuid?.() ?? 0}`, 'intent.model');

// The first admin of every server the harness starts (created with `aicc user add` before
// the start, like tests/integration/test_auth.py); tests create agents through the API.
export const ADMIN_PASSWORD = 'e2e-admin-password-1';
export const AGENT_PASSWORD = 'e2e-agent-password-1';

// Business hours for the bot directory's queues.json: the hand-off tests must not depend on
// the clock (outside the real hours every escalation becomes a callback offer).
export const ALWAYS_OPEN = {
  timezone: 'Asia/Seoul',
  weekdays: { open: '00:00', close: '24:00' },
  weekends: { open: '00:00', close: '24:00' },
  holidays: [],
};
export const NEVER_OPEN = {
  timezone: 'Asia/Seoul',
  weekdays: { open: '00:00', close: '00:00' },
  weekends: { open: '00:00', close: '00:00' },
};

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
  });
}

export class Aicc {
  private constructor(
    readonly url: string,
    private readonly proc: ChildProcess,
    readonly workdir: string,
  ) {}

  // corsOrigin: a site allowed to call the API from its pages (server.cors_origins);
  // hours: the queues' business hours (a copy of bot/ with them changed).
  static async start(corsOrigin: string, hours: object = ALWAYS_OPEN): Promise<Aicc> {
    const workdir = mkdtempSync(join(tmpdir(), 'aicc-e2e-'));
    mkdirSync(dirname(MODEL_FILE), { recursive: true });
    const botDir = join(workdir, 'bot');
    cpSync(join(REPO, 'bot'), botDir, { recursive: true });
    const queues = JSON.parse(readFileSync(join(botDir, 'queues.json'), 'utf8'));
    writeFileSync(join(botDir, 'queues.json'), JSON.stringify({ ...queues, hours }));
    const port = await freePort();
    // AICC_* variables are settings (unknown ones stop the start): pass only ours.
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AICC_')));
    Object.assign(env, {
      AICC_PORT: String(port),
      AICC_STORE: 'sqlite:' + join(workdir, 'aicc.db'),
      AICC_LOG_FILE: join(workdir, 'aicc.log'),
      AICC_BOT_DIR: botDir,
      AICC_BOT_MODEL_FILE: MODEL_FILE,
      AICC_CORS_ORIGINS: corsOrigin,
      ASAN_OPTIONS: process.env.ASAN_OPTIONS ?? 'detect_leaks=1',
    });
    const admin = spawnSync(BIN, ['user', 'add', 'admin', '--role', 'admin', '--password-stdin'], {
      cwd: workdir,
      env,
      input: ADMIN_PASSWORD + '\n',
      encoding: 'utf8',
      timeout: 60_000,
    });
    if (admin.status !== 0) throw new Error(`aicc user add admin failed: ${admin.stderr}`);
    const out = openSync(join(workdir, 'stdout'), 'a');
    const err = openSync(join(workdir, 'stderr'), 'a');
    const proc = spawn(BIN, ['serve'], { cwd: workdir, env, stdio: ['ignore', out, err] });
    const url = `http://127.0.0.1:${port}`;
    // Generous: the first server of a run may train the intent model under ASan.
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      if (proc.exitCode !== null)
        throw new Error(`aicc exited with ${proc.exitCode}: ${readFileSync(join(workdir, 'stderr'), 'utf8')}`);
      try {
        if ((await fetch(url + '/healthz')).ok) return new Aicc(url, proc, workdir);
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    proc.kill('SIGKILL');
    throw new Error(`aicc (${BIN}) did not become healthy in time`);
  }

  // SIGTERM; a clean shutdown exits 0 (sanitizer findings make it non-zero). A server that
  // was gone before this is an error too, whatever its exit code.
  async stop(): Promise<number | null> {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null)
      throw new Error(
        `aicc exited during the tests (code ${this.proc.exitCode}, signal ${this.proc.signalCode}); ` +
          `workdir ${this.workdir}; log tail:\n${this.logs().slice(-3000)}`,
      );
    const exited = new Promise<void>((r) => this.proc.once('exit', () => r()));
    this.proc.kill('SIGTERM');
    await exited;
    return this.proc.exitCode;
  }

  logs(): string {
    try {
      return readFileSync(join(this.workdir, 'aicc.log'), 'utf8');
    } catch {
      return '';
    }
  }

  async json(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; doc: any }> {
    const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    const resp = await fetch(this.url + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await resp.text();
    return { status: resp.status, doc: text ? JSON.parse(text) : null };
  }

  // A session token for a user (POST /api/v1/auth/login).
  async login(username: string, password: string): Promise<string> {
    const { status, doc } = await this.json('POST', '/api/v1/auth/login', { username, password });
    if (status !== 200) throw new Error(`login of ${username} failed: ${status} ${JSON.stringify(doc)}`);
    return doc.token as string;
  }
}

// A customer's website on another origin than the AICC server (its own port): it serves
// whatever page a test gives it at "/", e.g. one embedding the widget with the one tag.
export class Shop {
  page = '<!doctype html><title>Shop</title>';
  private constructor(
    readonly origin: string,
    private readonly server: HttpServer,
  ) {}

  static async start(): Promise<Shop> {
    const port = await freePort();
    let shop: Shop | undefined;
    const server = createHttpServer((req, res) => {
      res.writeHead(req.url === '/' ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
      res.end(req.url === '/' ? shop!.page : 'not found');
    });
    await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
    shop = new Shop(`http://127.0.0.1:${port}`, server);
    return shop;
  }

  close(): Promise<void> {
    return new Promise((r) => this.server.close(() => r()));
  }
}

async function serve(server: Aicc, use: (s: Aicc) => Promise<void>): Promise<void> {
  await use(server);
  const rc = await server.stop();
  if (rc !== 0) throw new Error(`aicc exited with ${rc}; log tail:\n${server.logs().slice(-3000)}`);
  rmSync(server.workdir, { recursive: true, force: true });
}

// aicc: the server of the tests, its queues always open; closedAicc: one whose queues are
// never open (every escalation is a callback offer), started only by the tests that use it.
export const test = base.extend<{}, { aicc: Aicc; closedAicc: Aicc; shop: Shop }>({
  shop: [
    async ({}, use) => {
      const shop = await Shop.start();
      await use(shop);
      await shop.close();
    },
    { scope: 'worker' },
  ],
  aicc: [async ({ shop }, use) => serve(await Aicc.start(shop.origin), use), { scope: 'worker', timeout: 180_000 }],
  closedAicc: [
    async ({ shop }, use) => serve(await Aicc.start(shop.origin, NEVER_OPEN), use),
    { scope: 'worker', timeout: 180_000 },
  ],
});

export { expect };
