import type { ComplianceDto, ForecastStatus } from '../../lib/api-types';

export const FORECAST: Record<ForecastStatus, { label: string; color: string }> = {
  on_track: { label: 'On track', color: 'green' },
  at_risk: { label: 'At risk', color: 'orange' },
  cannot_meet: { label: 'Cannot meet', color: 'red' },
};

export const COMPLIANCE: Record<ComplianceDto['status'], { label: string; color: string }> = {
  compliant: { label: 'Meets the rules', color: 'green' },
  below_floor: { label: 'Below the minimum', color: 'orange' },
  above_ceiling: { label: 'Above the ceiling', color: 'grape' },
};
