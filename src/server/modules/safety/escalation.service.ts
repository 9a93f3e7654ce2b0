// The escalation job (decision 0021): open alerts past escalate_at go to the organization's
// directors through the outbox. All state is in the database (escalate_at, escalated_at), so a
// restart or a crash between runs loses nothing: the next run of any app server picks them up.
import { isEscalationDue } from '../../../domain/safety/alerts.js';
import type { AppDeps } from '../../context.js';
import { enqueue } from '../../jobs/outbox.js';
import * as repo from './alerts.repository.js';

/** Outbox kind the email transport composes (src/server/jobs/email.ts): to the active directors, alert id only. */
export const ESCALATION_KIND = 'email.safety_alert_escalated';

/** Escalates every due alert once; returns how many it escalated. Run on a timer (main.ts). */
export async function escalateDueAlerts(deps: Pick<AppDeps, 'db' | 'audit'>, now: Date, batch = 50): Promise<number> {
  return deps.db.transaction().execute(async (trx) => {
    const locked = await repo.lockDueAlerts(trx, now, batch);
    let escalated = 0;
    for (const alert of locked) {
      // The query already filters; the pure rule is the one the unit tests pin at the boundary.
      if (!isEscalationDue({ escalateAt: alert.escalateAt, escalatedAt: null, acknowledgedAt: null }, now)) continue;
      await repo.markEscalated(trx, alert.id, now);
      // Ids only: the email says an alert is waiting and links to it; no patient data leaves.
      await enqueue(trx, { organizationId: alert.organizationId, kind: ESCALATION_KIND, payload: { alertId: alert.id, to: 'directors' } });
      await deps.audit(trx, {
        organizationId: alert.organizationId,
        userId: null,
        action: 'safety_alert.escalated',
        entityType: 'safety_alert',
        entityId: alert.id,
        patientId: alert.patientId,
        outcome: 'success',
        clientIp: null,
        requestId: null,
        details: { severity: alert.severity, to: 'directors' },
      });
      escalated += 1;
    }
    return escalated;
  });
}
