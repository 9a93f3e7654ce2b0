// Safety alerts: severities, escalation timing and the clinicians' queue order. Pure: the clock is
// an argument. Rules and sources: docs/domain/safety.md.

export const ALERT_SEVERITIES = ['acute', 'positive'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

export const ALERT_SOURCES = ['measure', 'self_check', 'staff'] as const;
export type AlertSource = (typeof ALERT_SOURCES)[number];

/** What a clinician did about an alert (issue #5); at least one is required to acknowledge. */
export const ALERT_ACTIONS = [
  'safety_assessment_done',
  'safety_plan_reviewed',
  'level_of_care_reconsidered',
  'emergency_services',
  'other',
] as const;
export type AlertAction = (typeof ALERT_ACTIONS)[number];

export type EscalationSettings = { acuteMinutes: number; positiveMinutes: number };

/** Defaults of the organization settings: an acute alert waits 30 minutes, a positive one 4 hours. */
export const DEFAULT_ESCALATION: EscalationSettings = { acuteMinutes: 30, positiveMinutes: 240 };

export function escalationMinutes(severity: AlertSeverity, settings: EscalationSettings): number {
  return severity === 'acute' ? settings.acuteMinutes : settings.positiveMinutes;
}

export function escalateAt(createdAt: Date, severity: AlertSeverity, settings: EscalationSettings): Date {
  return new Date(createdAt.getTime() + escalationMinutes(severity, settings) * 60_000);
}

export type EscalationState = { escalateAt: Date; escalatedAt: Date | null; acknowledgedAt: Date | null };

/** Due at escalate_at exactly (not a millisecond before), once, and only while nobody has acknowledged it. */
export function isEscalationDue(alert: EscalationState, now: Date): boolean {
  return alert.acknowledgedAt === null && alert.escalatedAt === null && now.getTime() >= alert.escalateAt.getTime();
}

/** Whole minutes an alert has waited (or waited until it was acknowledged). */
export function waitingMinutes(createdAt: Date, until: Date): number {
  return Math.max(0, Math.floor((until.getTime() - createdAt.getTime()) / 60_000));
}

export type QueueEntry = { id: string; severity: AlertSeverity; createdAt: Date };

const SEVERITY_RANK: Record<AlertSeverity, number> = { acute: 0, positive: 1 };

/** Open queue order: acute before positive, then the longest waiting first; the id breaks ties. */
export function compareOpenAlerts(a: QueueEntry, b: QueueEntry): number {
  const bySeverity = SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity];
  if (bySeverity !== 0) return bySeverity;
  const byAge = a.createdAt.getTime() - b.createdAt.getTime();
  if (byAge !== 0) return byAge;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function sortOpenAlerts<T extends QueueEntry>(alerts: readonly T[]): T[] {
  return [...alerts].sort(compareOpenAlerts);
}

/** Why an alert was raised: a closed list of codes, each with the words staff see. */
export const ALERT_REASONS = {
  self_check_current_thoughts: 'Public self-check: current thoughts of suicide reported',
  phq9_item9: 'PHQ-9 item 9 above 0 (thoughts of death or self-harm)',
  asq_positive: 'ASQ positive screen',
  asq_acute: 'ASQ acute positive (imminent risk)',
  staff_concern: 'Raised by staff',
} as const;
export type AlertReasonCode = keyof typeof ALERT_REASONS;

export function reasonText(code: string): string {
  return code in ALERT_REASONS ? ALERT_REASONS[code as AlertReasonCode] : code;
}
