import { Secret, TOTP } from 'otpauth';

// RFC 6238 TOTP: SHA-1, 6 digits, 30-second steps, one step of clock drift accepted either way.
const PERIOD = 30;

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(secret: string, label: string): TOTP {
  return new TOTP({ issuer: 'OpenIOP', label, secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: PERIOD });
}

export function totpUri(secret: string, label: string): string {
  return totp(secret, label).toString();
}

/** Returns the time step the code belongs to, so a used step can be refused (no replay). */
export function matchTotp(secret: string, code: string, now: Date): number | null {
  const delta = totp(secret, '').validate({ token: code, timestamp: now.getTime(), window: 1 });
  if (delta === null) return null;
  return Math.floor(now.getTime() / 1000 / PERIOD) + delta;
}

export function totpCode(secret: string, now: Date): string {
  return totp(secret, '').generate({ timestamp: now.getTime() });
}
