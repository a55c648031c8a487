// The staff API with the admin's bearer token (sessionStorage), typed loosely: the console
// shows what the server answers. Failures become ApiError with the server's error shape.
import { ApiError, requestJson } from '../shared/api';

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

export function call(method: string, path: string, body?: unknown): Promise<Json> {
  return requestJson<Json>(method, path, body, token());
}
