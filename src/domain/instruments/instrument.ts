// The instrument library's one scorer. Every instrument is data (see library.ts); nothing here names
// an instrument. Rules and sources: docs/domain/instruments.md, DOMAIN.md section 4.

/** Text of an item or option; `es` only where a free official Spanish version exists. */
export type Text = { en: string; es?: string };

export type AnswerOption = { value: number; label: Text };

/** True when any of the listed items is answered with a value of at least `atLeast`. */
export type Condition = { anyOf: readonly string[]; atLeast: number };

export type Item = {
  /** '1'..'n' in the instrument's own order. */
  id: string;
  text: Text;
  /** 'text' answers are kept as given and never enter a sum. */
  kind: 'choice' | 'text';
  options: readonly AnswerOption[];
  /** false: answered but not part of the total (an acuity question, free text). */
  scored: boolean;
  /** The item's score is (lowest + highest option) - answer, e.g. a yes/no item where "no" scores 1. */
  reverse?: boolean;
  /** Never required. */
  optional?: boolean;
  /** Required only when this holds (ASQ item 5 after a yes to items 1-4); otherwise always required. */
  requiredWhen?: Condition;
};

export type Band = { min: number; max: number; name: string };

/** A cut-off that may depend on sex; `default` is used without a sex or when none is specific. */
export type CutOff = { default: number; female?: number; male?: number };

export type Sex = 'female' | 'male';

export type Screen = {
  cutOff: CutOff;
  /** Said in the result's notes when the cut-off depends on sex and none was given. */
  unknownSexNote?: string;
  flag: string;
  /** Used as the band when the instrument has no severity bands of its own. */
  positiveBand: string;
  negativeBand: string;
};

export type ClusterRule = {
  /** An item counts as endorsed at this answer or above. */
  endorsedAt: number;
  clusters: readonly { code: string; name: string; items: readonly string[]; atLeast: number }[];
  /** Raised when every cluster is met. */
  flag: string;
};

/** A published value used for reliable change, with where it comes from. */
export type Statistic = { value: number; source: string; verified: boolean };

export type Instrument = {
  code: string;
  name: string;
  title: Text;
  measures: string;
  instructions: Text;
  items: readonly Item[];
  languages: readonly ('en' | 'es')[];
  languageNote: string;
  /** Severity bands by total, lowest first, covering the whole range without gaps. */
  bands: readonly Band[];
  /** Applied after the bands on a complete form, first match wins. */
  bandOverrides: readonly { when: Condition; band: string }[];
  screen: Screen | null;
  clusters: ClusterRule | null;
  /** Raised on any form, complete or not: a safety answer counts even when the rest is missing. */
  itemFlags: readonly { when: Condition; flag: string; meaning: string }[];
  /** Raised only on a complete form. */
  totalFlags: readonly { atLeast: number; flag: string; meaning: string }[];
  loinc: { panel: string | null; total: string | null };
  licence: string;
  sources: readonly string[];
  enabledByDefault: boolean;
  notice: string | null;
  change: {
    /** Below this total counts as remission (PHQ-9 and GAD-7: 5). */
    remissionBelow: number | null;
    sd: Statistic | null;
    reliability: Statistic | null;
  };
};

export type AnswerValue = number | string | null | undefined;
export type Answers = Readonly<Record<string, AnswerValue>>;

export type ClusterResult = { code: string; name: string; endorsed: number; required: number; met: boolean };

export type Score = {
  instrument: string;
  complete: boolean;
  /** Only for a complete form. */
  total: number | null;
  band: string | null;
  flags: string[];
  missingItems: string[];
  answered: number;
  /** Complete forms of instruments with a screening cut-off. */
  screen: { cutOff: number; positive: boolean } | null;
  clusters: { endorsedAt: number; results: ClusterResult[]; allMet: boolean } | null;
  notes: string[];
};

export type ScoreOptions = { sex?: Sex | undefined; cutOff?: number | undefined };

export type AnswerIssue = { path: string; message: string };

/** Lowest and highest possible totals. */
export function totalRange(instrument: Instrument): { min: number; max: number } {
  let min = 0;
  let max = 0;
  for (const item of instrument.items) {
    if (!item.scored || item.kind !== 'choice') continue;
    const values = item.options.map((option) => option.value);
    min += Math.min(...values);
    max += Math.max(...values);
  }
  return { min, max };
}

/** Every problem with submitted answers: unknown items, values that are not one of the item's options. */
export function checkAnswers(instrument: Instrument, answers: Readonly<Record<string, unknown>>): AnswerIssue[] {
  const issues: AnswerIssue[] = [];
  const ids = instrument.items.map((item) => item.id);
  for (const [id, value] of Object.entries(answers)) {
    const item = instrument.items.find((candidate) => candidate.id === id);
    const path = `answers.${id}`;
    if (!item) {
      issues.push({ path, message: `is not an item of ${instrument.name} (items ${ids[0] ?? ''}-${ids.at(-1) ?? ''})` });
      continue;
    }
    if (value === null || value === undefined) continue;
    if (item.kind === 'text') {
      if (typeof value !== 'string') issues.push({ path, message: 'must be text' });
      continue;
    }
    const allowed = item.options.map((option) => option.value);
    if (typeof value !== 'number' || !allowed.includes(value)) issues.push({ path, message: `must be one of ${allowed.join(', ')}` });
  }
  return issues;
}

/** The answer to a choice item, or undefined when it is missing or not one of its options. */
function choiceValue(item: Item, answers: Answers): number | undefined {
  const value = answers[item.id];
  if (item.kind !== 'choice' || typeof value !== 'number') return undefined;
  return item.options.some((option) => option.value === value) ? value : undefined;
}

function isAnswered(item: Item, answers: Answers): boolean {
  if (item.kind === 'text') {
    const value = answers[item.id];
    return typeof value === 'string' && value.trim() !== '';
  }
  return choiceValue(item, answers) !== undefined;
}

function holds(instrument: Instrument, condition: Condition, answers: Answers): boolean {
  for (const id of condition.anyOf) {
    const item = instrument.items.find((candidate) => candidate.id === id);
    const value = item ? choiceValue(item, answers) : undefined;
    if (value !== undefined && value >= condition.atLeast) return true;
  }
  return false;
}

function itemScore(item: Item, value: number): number {
  if (!item.reverse) return value;
  const values = item.options.map((option) => option.value);
  return Math.min(...values) + Math.max(...values) - value;
}

export function cutOffFor(screen: Screen, options: ScoreOptions): { cutOff: number; sexUnknown: boolean } {
  if (options.cutOff !== undefined) return { cutOff: options.cutOff, sexUnknown: false };
  const bySex = screen.cutOff.female !== undefined || screen.cutOff.male !== undefined;
  if (options.sex === 'female') return { cutOff: screen.cutOff.female ?? screen.cutOff.default, sexUnknown: false };
  if (options.sex === 'male') return { cutOff: screen.cutOff.male ?? screen.cutOff.default, sexUnknown: false };
  return { cutOff: screen.cutOff.default, sexUnknown: bySex };
}

/** The DSM-5-style cluster rule: each cluster needs `atLeast` of its items at `endorsedAt` or above. */
function clusterResult(instrument: Instrument, rule: ClusterRule, answers: Answers): NonNullable<Score['clusters']> {
  const results = rule.clusters.map((cluster) => {
    let endorsed = 0;
    for (const id of cluster.items) {
      const item = instrument.items.find((candidate) => candidate.id === id);
      const value = item ? choiceValue(item, answers) : undefined;
      if (value !== undefined && value >= rule.endorsedAt) endorsed += 1;
    }
    return { code: cluster.code, name: cluster.name, endorsed, required: cluster.atLeast, met: endorsed >= cluster.atLeast };
  });
  return { endorsedAt: rule.endorsedAt, results, allMet: results.every((result) => result.met) };
}

/**
 * Scores one form. Anything that is not a valid answer counts as not answered (the API refuses it
 * before this with checkAnswers). A partial form under-reports severity, so an incomplete form gets
 * no total, band, screen or cluster result, only the missing items and its item flags
 * (docs/domain/instruments.md).
 */
export function scoreInstrument(instrument: Instrument, answers: Answers, options: ScoreOptions = {}): Score {
  const missingItems: string[] = [];
  let answered = 0;
  let total = 0;
  for (const item of instrument.items) {
    if (isAnswered(item, answers)) answered += 1;
    else if (!item.optional && (item.requiredWhen === undefined || holds(instrument, item.requiredWhen, answers)))
      missingItems.push(item.id);
    const value = choiceValue(item, answers);
    // Free text and unscored items (an acuity question) never enter the sum.
    if (item.scored && value !== undefined) total += itemScore(item, value);
  }

  const flags: string[] = [];
  for (const rule of instrument.itemFlags) if (holds(instrument, rule.when, answers)) flags.push(rule.flag);

  const complete = missingItems.length === 0;
  const incomplete: Score = {
    instrument: instrument.code,
    complete: false,
    total: null,
    band: null,
    flags,
    missingItems,
    answered,
    screen: null,
    clusters: null,
    notes: [],
  };
  if (!complete) return incomplete;

  const notes: string[] = [];
  let screen: Score['screen'] = null;
  if (instrument.screen) {
    const { cutOff, sexUnknown } = cutOffFor(instrument.screen, options);
    screen = { cutOff, positive: total >= cutOff };
    if (sexUnknown && instrument.screen.unknownSexNote) notes.push(instrument.screen.unknownSexNote);
    if (screen.positive) flags.push(instrument.screen.flag);
  }

  const clusters = instrument.clusters ? clusterResult(instrument, instrument.clusters, answers) : null;
  if (instrument.clusters && clusters?.allMet) flags.push(instrument.clusters.flag);

  for (const rule of instrument.totalFlags) if (total >= rule.atLeast) flags.push(rule.flag);

  let band: string | null = instrument.bands.find((candidate) => total >= candidate.min && total <= candidate.max)?.name ?? null;
  if (instrument.bands.length === 0 && instrument.screen && screen) {
    band = screen.positive ? instrument.screen.positiveBand : instrument.screen.negativeBand;
  }
  for (const override of instrument.bandOverrides) {
    if (holds(instrument, override.when, answers)) {
      band = override.band;
      break;
    }
  }
  if (band === null) throw new Error(`${instrument.code}: no band for total ${total}`);

  return { ...incomplete, complete: true, total, band, flags, screen, clusters, notes };
}

/** Answers given as a list (index 0 = item 1), as the self-check form sends them. */
export function answersFromList(values: readonly AnswerValue[]): Record<string, AnswerValue> {
  const answers: Record<string, AnswerValue> = {};
  values.forEach((value, index) => {
    answers[String(index + 1)] = value;
  });
  return answers;
}
