// The public instrument library and stateless scoring (decision 0020). Nothing is stored or audited:
// the caller is anonymous and no record is read or written.
import { DomainError } from '../../../domain/errors.js';
import {
  checkAnswers,
  scoreInstrument,
  totalRange,
  type Instrument,
  type Score,
  type Sex,
} from '../../../domain/instruments/instrument.js';
import { enabledInstruments, findEnabledInstrument } from '../../../domain/instruments/library.js';
import type { AppDeps } from '../../context.js';

/** DOMAIN.md section 6: shown with every result that raises a suicide-risk flag. */
export const CRISIS_RESOURCES = [
  'If you are in immediate danger, call 911.',
  'Call or text 988 (Suicide & Crisis Lifeline), or chat at 988lifeline.org. Press 1 for veterans, 2 for Spanish.',
  'Text HOME to 741741 (Crisis Text Line).',
  'SAMHSA National Helpline: 1-800-662-4357.',
];

export type InstrumentDefinition = Instrument & { range: { min: number; max: number } };

export function listInstruments(deps: AppDeps): InstrumentDefinition[] {
  return enabledInstruments(deps.config.instrumentsEnabled).map((instrument) => ({ ...instrument, range: totalRange(instrument) }));
}

export type ScoreInput = { answers: Readonly<Record<string, number | string | null>>; sex?: Sex | undefined; cutOff?: number | undefined };

export function scoreAnswers(deps: AppDeps, code: string, input: ScoreInput): Score & { crisisResources: string[] } {
  const instrument = findEnabledInstrument(code, deps.config.instrumentsEnabled);
  if (!instrument) throw new DomainError('NOT_FOUND', `No instrument ${code}`);
  const issues = checkAnswers(instrument, input.answers);
  if (input.cutOff !== undefined) {
    const range = totalRange(instrument);
    if (!instrument.screen) issues.push({ path: 'cutOff', message: `${instrument.name} has no screening cut-off` });
    else if (input.cutOff < range.min || input.cutOff > range.max) {
      issues.push({ path: 'cutOff', message: `must be between ${range.min} and ${range.max}` });
    }
  }
  const first = issues[0];
  if (first) throw new DomainError('VALIDATION_FAILED', `${first.path}: ${first.message}`, { details: issues });
  const score = scoreInstrument(instrument, input.answers, { sex: input.sex, cutOff: input.cutOff });
  const suicideRisk = score.flags.some((flag) => flag.includes('suicide'));
  return { ...score, crisisResources: suicideRisk ? CRISIS_RESOURCES : [] };
}
