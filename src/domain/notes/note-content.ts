// The fields of each note type (clinical_notes.content) as data, so the editor, the signing
// check, the chart view and the PDF all read one definition.

export const NOTE_TYPES = [
  'progress_dap',
  'psychiatric_evaluation',
  'medication_management',
  'family_session',
  'crisis_safety',
  'sud_counseling',
  'group',
] as const;
export type NoteType = (typeof NOTE_TYPES)[number];

/** text: free text; codes: ICD-10-CM codes; medications: a medication list; yes_no: a boolean. */
export type NoteFieldKind = 'text' | 'codes' | 'medications' | 'yes_no';

export type NoteField = { key: string; label: string; kind: NoteFieldKind; required: boolean };

export type MedicationEntry = {
  name: string;
  dose: string;
  route: string;
  frequency: string;
  change: 'start' | 'continue' | 'adjust' | 'stop';
};

export type NoteTypeDefinition = {
  label: string;
  fields: readonly NoteField[];
};

const text = (key: string, label: string, required = true): NoteField => ({ key, label, kind: 'text', required });

const DAP: readonly NoteField[] = [
  text('data', 'Data (what was observed and said)'),
  text('assessment', 'Assessment (clinical impression, progress)'),
  text('plan', 'Plan (next steps, homework, next session)'),
];

export const NOTE_TYPE_DEFINITIONS: Record<NoteType, NoteTypeDefinition> = {
  progress_dap: { label: 'Individual progress note (DAP)', fields: DAP },
  psychiatric_evaluation: {
    label: 'Psychiatric evaluation',
    fields: [
      text('chiefComplaint', 'Chief complaint'),
      text('historyOfPresentIllness', 'History of present illness'),
      text('psychiatricHistory', 'Past psychiatric history'),
      text('substanceUseHistory', 'Substance use history'),
      text('mentalStatusExam', 'Mental status examination'),
      text('riskAssessment', 'Risk assessment'),
      { key: 'diagnosisCodes', label: 'Diagnoses (ICD-10-CM)', kind: 'codes', required: true },
      text('formulation', 'Formulation'),
      text('plan', 'Plan'),
    ],
  },
  medication_management: {
    label: 'Medication management note',
    fields: [
      text('intervalHistory', 'Interval history'),
      { key: 'medications', label: 'Medications', kind: 'medications', required: true },
      text('sideEffects', 'Side effects and adherence'),
      text('mentalStatusExam', 'Mental status examination'),
      text('riskAssessment', 'Risk assessment'),
      text('plan', 'Plan'),
    ],
  },
  family_session: {
    label: 'Family session note',
    fields: [text('participants', 'Who took part'), ...DAP],
  },
  crisis_safety: {
    label: 'Crisis / safety note',
    fields: [
      text('situation', 'Situation'),
      text('riskAssessment', 'Risk assessment'),
      text('interventions', 'Interventions'),
      { key: 'safetyPlanReviewed', label: 'Safety plan reviewed with the patient', kind: 'yes_no', required: true },
      text('disposition', 'Disposition'),
      text('followUp', 'Follow-up'),
    ],
  },
  // Kept apart from the general chart (42 CFR Part 2): only its author and staff with explicit access read it.
  sud_counseling: { label: 'SUD counseling note', fields: DAP },
  // Written by signing a group note (src/domain/notes/group-note.ts); never edited on its own.
  group: {
    label: 'Group note',
    fields: [
      text('topic', 'Topic'),
      text('modality', 'Modality'),
      text('interventions', 'Interventions'),
      text('summary', 'Group summary'),
      text('attendanceStatus', 'Attendance'),
      text('minutes', 'Minutes attended'),
      text('participation', 'Participation'),
      text('response', 'Response to interventions'),
      text('progress', 'Progress on plan objectives'),
    ],
  },
};

/** The shared part of a group note (group_notes.summary). */
export type GroupSummary = {
  topic: string;
  modality: string;
  interventions: string;
  summary: string;
};
