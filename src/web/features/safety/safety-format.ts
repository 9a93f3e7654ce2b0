import type { AlertAction, AlertSeverity } from '../../../domain/safety/alerts';

export const ACTION_LABELS: Record<AlertAction, string> = {
  safety_assessment_done: 'Safety assessment done',
  safety_plan_reviewed: 'Safety plan reviewed',
  level_of_care_reconsidered: 'Level of care reconsidered',
  emergency_services: 'Emergency services contacted',
  other: 'Other (describe in the note)',
};

export const SEVERITY_LABELS: Record<AlertSeverity, string> = { acute: 'Acute', positive: 'Positive' };

export function severityColor(severity: AlertSeverity): string {
  return severity === 'acute' ? 'red' : 'orange';
}

/** "7 min", "2 h 05 min", "3 d 4 h". */
export function waitingText(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}
