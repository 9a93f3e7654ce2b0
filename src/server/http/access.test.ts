import { describe, expect, it } from 'vitest';
import { routeAccess, type Access } from './access.js';

describe('routeAccess', () => {
  it.each<[string, Access]>([
    ['/api/v1/auth/login', 'public'],
    ['/api/v1/admin/users', { roles: ['admin'] }],
    ['/api/docs', { roles: ['auditor'] }],
  ])('keeps the policy a route declares (%s)', (url, declared) => {
    expect(routeAccess(url, declared)).toBe(declared);
  });

  it.each([['/api/docs'], ['/api/docs/'], ['/api/docs/json'], ['/api/docs/static/*'], ['/assets/index-abc123.js'], ['/*']])(
    'treats the plugin route %s as public by name',
    (url) => {
      expect(routeAccess(url, undefined)).toBe('public');
    },
  );

  it.each([['/api/v1/admin/users'], ['/api/health'], ['/'], ['/api/docsearch'], ['/api/docs-admin'], ['/assets']])(
    'denies by default: %s without a declared policy has none',
    (url) => {
      expect(routeAccess(url, undefined)).toBeUndefined();
    },
  );
});
