import type { DueDto, ResponseDto } from './measures-api';

export const DUE_REASON: Record<DueDto['reason'], string> = {
  baseline: 'Baseline',
  every_days: 'Scheduled',
  every_sessions: 'Scheduled (sessions)',
  level_change: 'Level-of-care change',
  discharge: 'Discharge',
};

export const SOURCE_LABEL: Record<ResponseDto['source'], string> = {
  link: 'Patient link',
  kiosk: 'Kiosk',
  staff_entry: 'Paper form (staff entry)',
};

/** Every response of every instrument in one list, newest first. */
export function newestFirst(
  instruments: readonly { name: string; responses: readonly ResponseDto[] }[],
): (ResponseDto & { instrumentName: string })[] {
  const all = instruments.flatMap((instrument) =>
    instrument.responses.map((response) => ({ ...response, instrumentName: instrument.name })),
  );
  return all.sort((a, b) => (a.administeredAt < b.administeredAt ? 1 : a.administeredAt > b.administeredAt ? -1 : 0));
}
