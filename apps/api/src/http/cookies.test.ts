import { describe, expect, it } from 'vitest';
import { readCookie, serializeCookie } from './cookies.js';

describe('cookies', () => {
  it('reads one cookie and ignores malformed ones', () => {
    expect(readCookie('a=1; kd_session=abc-_x; b=2', 'kd_session')).toBe('abc-_x');
    expect(readCookie('kd_session=%E0%A4%A', 'kd_session')).toBeUndefined();
    expect(readCookie(undefined, 'kd_session')).toBeUndefined();
    expect(readCookie('novalue; other=1', 'kd_session')).toBeUndefined();
  });

  it('writes httpOnly SameSite=Strict cookies', () => {
    expect(serializeCookie('kd_session', 'v', { maxAgeSeconds: 60, secure: true })).toBe('kd_session=v; Path=/; SameSite=Strict; Max-Age=60; HttpOnly; Secure');
  });
});
