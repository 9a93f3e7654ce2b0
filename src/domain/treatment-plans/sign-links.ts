// One-time links through which a patient reads and signs a clinician-signed plan version
// (docs/domain/treatment-plans.md, decision 0026).

/**
 * 7 days: long enough for a patient to read the plan at home between program days, short enough
 * that a forgotten link does not stay a way into the record. One use: signing consumes it.
 */
export const SIGN_LINK_DAYS = 7;

export type SignLinkState = 'active' | 'used' | 'expired' | 'revoked';

export function signLinkState(link: { expiresAt: Date; usedAt: Date | null; revokedAt: Date | null }, now: Date): SignLinkState {
  if (link.usedAt !== null) return 'used';
  if (link.revokedAt !== null) return 'revoked';
  return link.expiresAt.getTime() <= now.getTime() ? 'expired' : 'active';
}

export type TypedSignature = { signedName: string; agreed: boolean };

/** What the public form is missing; empty when the patient may sign. */
export function typedSignatureIssues(input: TypedSignature): ('signedName' | 'agreed')[] {
  const issues: ('signedName' | 'agreed')[] = [];
  const name = input.signedName.trim();
  if (name.length === 0 || name.length > 200) issues.push('signedName');
  if (!input.agreed) issues.push('agreed');
  return issues;
}
