// The staff API with the admin's bearer token (sessionStorage), typed loosely: the console
// shows what the server answers. Failures become ApiError with the server's error shape.
import { ApiError } from '../shared/api';

export { ApiError };

const TOKEN_KEY = 'aicc.admin.token';

export function token(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function setToken(value: string | null): void {
  if (value) sessionStorage.setItem(TOKEN_KEY, value);
  else sessionStorage.removeItem(TOKEN_KEY);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export async function call(method: string, path: string, body?: unknown): Promise<Json> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  const tok = token();
  if (tok) headers['authorization'] = 'Bearer ' + tok;
  let resp: Response;
  try {
    resp = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new ApiError(0, 'network', String(e));
  }
  const text = await resp.text();
  const doc = text ? JSON.parse(text) : null;
  if (!resp.ok) {
    const err = doc?.error ?? {};
    throw new ApiError(resp.status, err.code ?? 'http_' + resp.status, err.message ?? resp.statusText, err.details ?? {});
  }
  return doc;
}
