// Where to go after signing in. Only same-origin paths are accepted, so a crafted
// /login?returnTo=https://evil.example link cannot send a user elsewhere after login.

export type LoginReason = 'idle' | 'expired';

/**
 * The staff app lives under /app (the public site owns /; decision 0014). Paths inside the app
 * (router locations, returnTo values) leave this prefix out; only full page loads add it.
 */
export const APP_BASE = '/app';

export function safeReturnTo(value: string | null, origin: string): string {
  if (value === null || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) {
    return '/';
  }
  let url: URL;
  try {
    url = new URL(value, origin);
  } catch {
    return '/';
  }
  if (url.origin !== origin) return '/';
  // Never bounce back to the login page itself.
  if (url.pathname === '/login') return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}

export function loginPath(returnTo: string | null, reason?: LoginReason): string {
  const params = new URLSearchParams();
  if (returnTo !== null && returnTo !== '/' && !returnTo.startsWith('/login')) {
    params.set('returnTo', returnTo);
  }
  if (reason !== undefined) params.set('reason', reason);
  const search = params.toString();
  return search === '' ? '/login' : `/login?${search}`;
}

/** A router location as a returnTo value. */
export function currentPath(location: { pathname: string; search: string }): string {
  return `${location.pathname}${location.search}`;
}

/** The browser's address as a path inside the app (APP_BASE removed). */
export function appPathOf(location: { pathname: string; search: string }): string {
  const inside = location.pathname === APP_BASE || location.pathname.startsWith(`${APP_BASE}/`);
  const pathname = inside ? location.pathname.slice(APP_BASE.length) || '/' : location.pathname;
  return `${pathname}${location.search}`;
}

/**
 * Leave the app with a full page load. Used when a session ends: the reload drops every
 * cached response (patient data included) from memory.
 */
export function leaveTo(path: string): void {
  window.location.assign(`${APP_BASE}${path}`);
}
