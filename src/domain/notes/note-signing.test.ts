import { describe, expect, it } from 'vitest';
import type { NoteType } from './note-content.js';
import { checkDraftContent, checkNoteForSigning, contentForSigning, signingOutcome, type NoteContent } from './note-signing.js';

const DAP = { data: 'Reported two panic episodes', assessment: 'Improving', plan: 'Continue breathing practice' };
const MED = { name: 'Sertraline', dose: '50 mg', route: 'oral', frequency: 'daily', change: 'continue' as const };

describe('checkNoteForSigning', () => {
  it.each<[string, NoteType, NoteContent, string[]]>([
    ['a complete DAP note', 'progress_dap', DAP, []],
    ['an empty DAP note', 'progress_dap', {}, ['content.data', 'content.assessment', 'content.plan']],
    ['a DAP note with a blank assessment', 'progress_dap', { ...DAP, assessment: '   \n ' }, ['content.assessment']],
    ['a family note without participants', 'family_session', DAP, ['content.participants']],
    ['an SUD counseling note', 'sud_counseling', DAP, []],
    [
      'a crisis note with the safety plan question unanswered',
      'crisis_safety',
      { situation: 's', riskAssessment: 'r', interventions: 'i', disposition: 'd', followUp: 'f', safetyPlanReviewed: null },
      ['content.safetyPlanReviewed'],
    ],
    [
      'a crisis note answered "no"',
      'crisis_safety',
      { situation: 's', riskAssessment: 'r', interventions: 'i', disposition: 'd', followUp: 'f', safetyPlanReviewed: false },
      [],
    ],
    [
      'a medication note with only an incomplete entry',
      'medication_management',
      {
        intervalHistory: 'h',
        sideEffects: 's',
        mentalStatusExam: 'm',
        riskAssessment: 'r',
        plan: 'p',
        medications: [{ ...MED, dose: ' ' }],
      },
      ['content.medications'],
    ],
    [
      'a medication note with one complete entry among blanks',
      'medication_management',
      {
        intervalHistory: 'h',
        sideEffects: 's',
        mentalStatusExam: 'm',
        riskAssessment: 'r',
        plan: 'p',
        medications: [MED, { ...MED, name: '', dose: '' }],
      },
      [],
    ],
  ])('%s', (_label, type, content, paths) => {
    expect(checkNoteForSigning(type, content).map((issue) => issue.path)).toEqual(paths);
  });

  const evaluation = (codes: string[]): NoteContent => ({
    chiefComplaint: 'c',
    historyOfPresentIllness: 'h',
    psychiatricHistory: 'p',
    substanceUseHistory: 's',
    mentalStatusExam: 'm',
    riskAssessment: 'r',
    formulation: 'f',
    plan: 'p',
    diagnosisCodes: codes,
  });

  it.each<[string[], string | null]>([
    [['F33.1'], null],
    [[' f10.20 '], null],
    [[], 'give at least one code'],
    [['F33.1', 'depression'], '"depression" is not a well-formed ICD-10-CM code'],
  ])('a psychiatric evaluation coded %j', (codes, message) => {
    const issues = checkNoteForSigning('psychiatric_evaluation', evaluation(codes));
    if (message === null) expect(issues).toEqual([]);
    else expect(issues).toEqual([{ path: 'content.diagnosisCodes', message: expect.stringContaining(message) }]);
  });
});

describe('checkDraftContent', () => {
  it('accepts partial content of the type’s fields', () => {
    expect(checkDraftContent('progress_dap', { data: 'Half a thought' })).toEqual({ ok: true, content: { data: 'Half a thought' } });
  });

  it.each<[string, NoteType, unknown, string]>([
    ['a field of another type', 'progress_dap', { chiefComplaint: 'x' }, 'content.chiefComplaint'],
    ['text that is a number', 'progress_dap', { data: 5 }, 'content.data'],
    ['text that is too long', 'progress_dap', { data: 'x'.repeat(20_001) }, 'content.data'],
    ['codes that are not a list', 'psychiatric_evaluation', { diagnosisCodes: 'F33.1' }, 'content.diagnosisCodes'],
    [
      'a medication with an unknown change',
      'medication_management',
      { medications: [{ ...MED, change: 'double' }] },
      'content.medications.0.change',
    ],
    ['a yes/no that is text', 'crisis_safety', { safetyPlanReviewed: 'yes' }, 'content.safetyPlanReviewed'],
    ['content that is a list', 'progress_dap', [], 'content'],
  ])('refuses %s, naming the field', (_label, type, content, path) => {
    const result = checkDraftContent(type, content);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]?.path).toBe(path);
  });
});

describe('contentForSigning', () => {
  it('trims text, upper-cases codes and drops unnamed medication rows', () => {
    expect(contentForSigning('progress_dap', { data: '  d ', assessment: 'a', plan: 'p' })).toEqual({
      data: 'd',
      assessment: 'a',
      plan: 'p',
    });
    expect(contentForSigning('psychiatric_evaluation', { diagnosisCodes: [' f33.1', ''] })).toEqual({ diagnosisCodes: ['F33.1'] });
    expect(contentForSigning('medication_management', { medications: [MED, { ...MED, name: ' ' }] })).toEqual({ medications: [MED] });
  });
});

describe('signingOutcome', () => {
  it.each([
    [null, { status: 'signed', cosignerId: null }],
    ['supervisor-1', { status: 'awaiting_cosign', cosignerId: 'supervisor-1' }],
  ])('author with co-signing supervisor %s', (cosignSupervisorId, expected) => {
    expect(signingOutcome({ cosignSupervisorId })).toEqual(expected);
  });
});
