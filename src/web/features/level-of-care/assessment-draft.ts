// The assessment form's state as plain data, so the rules (what is sent, when a reason is needed)
// are tested without a browser. The recommendation comes from the domain engine the server uses too.
import { recommendLevel, type LocResult } from '../../../domain/level-of-care/engine';
import type { LocLevel, LocPack } from '../../../domain/level-of-care/pack';
import type { AssessBody } from './level-of-care-api';

export type Decision = 'confirm' | 'other';

export type AssessmentDraft = {
  /** Rating per dimension id; absent while not yet rated. */
  ratings: Record<string, number>;
  notes: Record<string, string>;
  decision: Decision;
  otherLevel: LocLevel | '';
  overrideReason: string;
  note: string;
};

export const EMPTY_DRAFT: AssessmentDraft = { ratings: {}, notes: {}, decision: 'confirm', otherLevel: '', overrideReason: '', note: '' };

export function liveRecommendation(pack: LocPack, draft: AssessmentDraft): LocResult {
  const ratings = pack.dimensions.flatMap((d) => {
    const rating = draft.ratings[d.id];
    return rating === undefined ? [] : [{ dimensionId: d.id, rating }];
  });
  return recommendLevel(pack, ratings);
}

export type DraftCheck =
  { ok: true; body: AssessBody } | { ok: false; field: 'ratings' | 'otherLevel' | 'overrideReason'; message: string };

/** What the form sends, or the first thing still missing. */
export function bodyFor(pack: LocPack, draft: AssessmentDraft): DraftCheck {
  const result = liveRecommendation(pack, draft);
  if (!result.ok) return { ok: false, field: 'ratings', message: 'Rate every dimension to get a recommendation.' };
  const ratings = pack.dimensions.map((d) => {
    const note = (draft.notes[d.id] ?? '').trim();
    return { dimensionId: d.id, rating: draft.ratings[d.id] ?? 0, ...(note === '' ? {} : { note }) };
  });
  const note = draft.note.trim();
  const common = { ratings, pack: { id: pack.id, version: pack.version }, ...(note === '' ? {} : { note }) };
  if (draft.decision === 'confirm' || draft.otherLevel === result.level) return { ok: true, body: { ...common, finalLevel: result.level } };
  if (draft.otherLevel === '') return { ok: false, field: 'otherLevel', message: 'Choose the level of care.' };
  const reason = draft.overrideReason.trim();
  if (reason === '') return { ok: false, field: 'overrideReason', message: 'Give the reason for choosing another level.' };
  return { ok: true, body: { ...common, finalLevel: draft.otherLevel, overrideReason: reason } };
}
