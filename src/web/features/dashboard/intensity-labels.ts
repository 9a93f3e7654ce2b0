import type { ComplianceDto, ForecastStatus } from '../../lib/api-types';

// Forecast badges are filled with white text (autoContrast): Mantine's green 9 and orange 9 give
// only 4.4:1 and 4.3:1 at badge size, so on track is teal 9 (5.0:1) and at risk a darker orange (5.2:1).
export const FORECAST: Record<ForecastStatus, { label: string; color: string }> = {
  on_track: { label: 'On track', color: 'teal' },
  at_risk: { label: 'At risk', color: '#c2410c' },
  cannot_meet: { label: 'Cannot meet', color: 'red' },
};

export const COMPLIANCE: Record<ComplianceDto['status'], { label: string; color: string }> = {
  compliant: { label: 'Meets the rules', color: 'green' },
  below_floor: { label: 'Below the minimum', color: 'orange' },
  above_ceiling: { label: 'Above the ceiling', color: 'grape' },
};
