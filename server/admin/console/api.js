// The officials' API. The token lives only in sessionStorage and in the Authorization header:
// never in a URL, a cookie or the page.
const KEY = 'lapor1708.token';

export function token() { return sessionStorage.getItem(KEY); }
export function signIn(value) { sessionStorage.setItem(KEY, value); }
export function signOut() { sessionStorage.removeItem(KEY); }

export class ApiError extends Error {
  constructor(status, message, body) { super(message); this.status = status; this.body = body; }
}

export async function api(method, path, body) {
  const headers = { Authorization: `Bearer ${token()}` };
  const init = { method, headers, cache: 'no-store', referrerPolicy: 'no-referrer' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const res = await fetch(`/admin/v1${path}`, init);
  const data = await res.json().catch(() => ({}));
  if (!res.ok) { throw new ApiError(res.status, data.error || res.statusText, data); }
  return data;
}
