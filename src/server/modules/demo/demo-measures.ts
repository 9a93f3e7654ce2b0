// Synthetic weekly PHQ-9 and GAD-7 series for the demo patients in care (issue #5): one improving,
// one without change, one deteriorating, repeating. Stored through the scorer like any paper form,
// and never with a suicide-risk answer (the demo's one open alert comes from demo-safety.ts).
import type { Transaction } from 'kysely';
import type { Instrument } from '../../../domain/instruments/instrument.js';
import { findEnabledInstrument } from '../../../domain/instruments/library.js';
import type { AppDeps } from '../../context.js';
import type { Database } from '../../db/schema.js';
import { score, storeResponse } from '../measures/measure-scoring.js';

const DAY_MS = 24 * 3600_000;

/** Totals week by week: improvement, no change, deterioration. */
export const DEMO_SERIES = {
  'phq-9': [
    [19, 15, 11, 8, 5, 4],
    [12, 13, 12, 11, 12, 12],
    [9, 12, 15, 17, 19, 20],
  ],
  'gad-7': [
    [15, 12, 9, 7, 5, 4],
    [10, 10, 11, 10, 9, 10],
    [7, 9, 11, 13, 15, 16],
  ],
} as const;

/** Answers adding up to `total`, spread over the scored items; PHQ-9 item 9 (the last) stays 0. */
export function answersForTotal(instrument: Instrument, total: number, keepZero: readonly string[]): Record<string, number> {
  const items = instrument.items.filter((item) => item.scored && !keepZero.includes(item.id));
  const answers: Record<string, number> = {};
  for (const item of instrument.items) answers[item.id] = 0;
  let left = total;
  for (let round = 0; left > 0 && round < 3; round += 1) {
    for (const item of items) {
      if (left === 0) break;
      answers[item.id] = (answers[item.id] ?? 0) + 1;
      left -= 1;
    }
  }
  return answers;
}

export async function seedDemoMeasures(
  deps: Pick<AppDeps, 'audit' | 'config'>,
  trx: Transaction<Database>,
  input: { organizationId: string; clinicianId: string; now: Date },
): Promise<void> {
  const episodes = await trx
    .selectFrom('episodes')
    .select(['id', 'patient_id', 'admitted_on'])
    .where('organization_id', '=', input.organizationId)
    .where('status', '=', 'open')
    .orderBy('created_at')
    .execute();
  for (const [index, episode] of episodes.entries()) {
    const admitted = new Date(`${episode.admitted_on}T15:00:00Z`).getTime();
    // Weekly, the latest two days ago (so the next one is not yet due), the first not before admission.
    const last = input.now.getTime() - 2 * DAY_MS;
    if (last < admitted) continue;
    const weeks = Math.min(6, Math.floor((last - admitted) / (7 * DAY_MS)) + 1);
    for (const code of ['phq-9', 'gad-7'] as const) {
      const instrument = findEnabledInstrument(code, deps.config.instrumentsEnabled);
      if (!instrument) continue;
      const series = DEMO_SERIES[code][index % 3] ?? [];
      for (let week = 0; week < weeks; week += 1) {
        const total = series[week] ?? series.at(-1) ?? 0;
        const answers = answersForTotal(instrument, total, code === 'phq-9' ? ['9'] : []);
        const administeredAt = new Date(last - (weeks - 1 - week) * 7 * DAY_MS);
        await storeResponse(deps, trx, {
          organizationId: input.organizationId,
          patientId: episode.patient_id,
          episodeId: episode.id,
          instrument,
          answers,
          score: score(instrument, answers),
          source: 'staff_entry',
          enteredBy: input.clinicianId,
          linkId: null,
          administeredAt,
          now: administeredAt,
          requestId: null,
          clientIp: null,
        });
      }
    }
  }
}
