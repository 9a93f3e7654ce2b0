import type { SelfCheckResult } from '../front-door/self-check.js';
import type { AlertReasonCode, AlertSeverity } from './alerts.js';

/**
 * The alert a sent public self-check raises, if any (docs/domain/safety.md). Exactly the answers that
 * make the inquiry urgent raise one: thoughts of suicide now are acute (as ASQ's acuity question),
 * a positive PHQ-9 item 9 alone is positive.
 */
export function selfCheckAlert(result: SelfCheckResult): { severity: AlertSeverity; reasonCode: AlertReasonCode } | null {
  if (!result.currentSuicidalThoughts) return null;
  if (result.reasons.includes('suicidal_thoughts_now')) return { severity: 'acute', reasonCode: 'self_check_current_thoughts' };
  return { severity: 'positive', reasonCode: 'phq9_item9' };
}
