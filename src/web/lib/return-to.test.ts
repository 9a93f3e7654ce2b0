import { describe, expect, it } from 'vitest';
import { appPathOf, loginPath, safeReturnTo } from './return-to';

const origin = 'https://iop.example.org';

describe('safeReturnTo', () => {
  it.each([
    ['/audit?userId=1', '/audit?userId=1'],
    ['/admin/users', '/admin/users'],
    [null, '/'],
    ['', '/'],
    ['https://evil.example/', '/'],
    ['//evil.example/path', '/'],
    ['/\\evil.example', '/'],
    ['javascript:alert(1)', '/'],
    ['/login?returnTo=/audit', '/'],
  ])('turns %s into %s', (value, expected) => {
    expect(safeReturnTo(value, origin)).toBe(expected);
  });
});

describe('loginPath', () => {
  it('carries the page to come back to and why the user was sent away', () => {
    expect(loginPath('/audit?page=2', 'idle')).toBe('/login?returnTo=%2Faudit%3Fpage%3D2&reason=idle');
  });

  it('leaves out a return to the dashboard', () => {
    expect(loginPath('/')).toBe('/login');
  });
});

describe('appPathOf', () => {
  it.each([
    ['/app/schedule', '?tab=feed', '/schedule?tab=feed'],
    ['/app', '', '/'],
    ['/app/', '', '/'],
    ['/app/staff', '', '/staff'],
    ['/application', '', '/application'],
  ])('reads %s%s as %s inside the app', (pathname, search, expected) => {
    expect(appPathOf({ pathname, search })).toBe(expected);
  });
});
