import { codeFamiliesFor, parseCodeFamily, splitCodeFamilies, type ConditionId } from '../../../domain/programs/conditions';
import { defaultIntensityRules } from '../../../domain/programs/intensity-defaults';
import type { IntensityRules } from '../../../domain/programs/intensity-rules';
import { isModality, type Modality } from '../../../domain/programs/modalities';
import type { LevelOfCare, Population, ProgramDto, ProgramFocus, ProgramFormat } from '../../lib/api-types';

// The program form's state and its conversions to and from the API. Minutes are edited as hours
// and minutes; intensity rules follow the defaults of the level and population until edited.

export type HoursMinutes = { hours: number; minutes: number };

export type ProgramForm = {
  siteId: string;
  name: string;
  description: string;
  levelOfCare: LevelOfCare;
  population: Population;
  focus: ProgramFocus;
  format: ProgramFormat;
  weeklyFloor: HoursMinutes;
  hasCeiling: boolean;
  weeklyCeiling: HoursMinutes;
  minDaysPerWeek: number;
  minBillableDaysPerWeek: number;
  minBillableDay: HoursMinutes;
  groupCapacity: number;
  conditionIds: ConditionId[];
  /** Code families outside the listed conditions, as typed. */
  otherConditions: string[];
  modalities: Modality[];
  isPart2: boolean;
  published: boolean;
  publicSummaryEn: string;
  publicSummaryEs: string;
};

export function splitMinutes(total: number): HoursMinutes {
  return { hours: Math.floor(total / 60), minutes: total % 60 };
}

export function joinMinutes(value: HoursMinutes): number {
  return value.hours * 60 + value.minutes;
}

/** A NumberInput's value ('' when cleared) as a number. */
export function numberOf(value: number | string): number {
  if (typeof value === 'number') return value;
  const parsed = Number(value);
  return value.trim() === '' || Number.isNaN(parsed) ? 0 : parsed;
}

function withRules(form: Omit<ProgramForm, RuleKeys>, rules: IntensityRules): ProgramForm {
  return {
    ...form,
    weeklyFloor: splitMinutes(rules.weeklyFloorMinutes),
    hasCeiling: rules.weeklyCeilingMinutes !== null,
    weeklyCeiling: splitMinutes(rules.weeklyCeilingMinutes ?? rules.weeklyFloorMinutes),
    minDaysPerWeek: rules.minDaysPerWeek,
    minBillableDaysPerWeek: rules.minBillableDaysPerWeek,
    minBillableDay: splitMinutes(rules.minBillableDayMinutes),
  };
}

type RuleKeys = 'weeklyFloor' | 'hasCeiling' | 'weeklyCeiling' | 'minDaysPerWeek' | 'minBillableDaysPerWeek' | 'minBillableDay';

export function newProgramForm(siteId: string): ProgramForm {
  const base = {
    siteId,
    name: '',
    description: '',
    levelOfCare: 'IOP' as const,
    population: 'adult' as const,
    focus: 'mental_health' as const,
    format: 'in_person' as const,
    groupCapacity: 12,
    conditionIds: [],
    otherConditions: [],
    modalities: [],
    isPart2: false,
    published: false,
    publicSummaryEn: '',
    publicSummaryEs: '',
  };
  return withRules(base, defaultIntensityRules(base.levelOfCare, base.population));
}

export function programForm(program: ProgramDto): ProgramForm {
  const { conditionIds, otherFamilies } = splitCodeFamilies(program.conditions);
  return withRules(
    {
      siteId: program.siteId,
      name: program.name,
      description: program.description,
      levelOfCare: program.levelOfCare,
      population: program.population,
      focus: program.focus,
      format: program.format,
      groupCapacity: program.groupCapacity,
      conditionIds,
      otherConditions: otherFamilies,
      modalities: program.modalities.filter(isModality),
      isPart2: program.isPart2,
      published: program.published,
      publicSummaryEn: program.publicSummaryEn,
      publicSummaryEs: program.publicSummaryEs,
    },
    program,
  );
}

/** A new level or population brings that combination's default rules (docs/domain/intensity.md). */
export function withLevel(form: ProgramForm, levelOfCare: LevelOfCare, population: Population): ProgramForm {
  return withRules({ ...form, levelOfCare, population }, defaultIntensityRules(levelOfCare, population));
}

export function rulesOf(form: ProgramForm): IntensityRules {
  return {
    weeklyFloorMinutes: joinMinutes(form.weeklyFloor),
    weeklyCeilingMinutes: form.hasCeiling ? joinMinutes(form.weeklyCeiling) : null,
    minDaysPerWeek: form.minDaysPerWeek,
    minBillableDaysPerWeek: form.minBillableDaysPerWeek,
    minBillableDayMinutes: joinMinutes(form.minBillableDay),
  };
}

/** Listed conditions first, then the other families (upper-cased when well formed), no repeats. */
export function conditionsOf(form: ProgramForm): string[] {
  const families = codeFamiliesFor(form.conditionIds);
  for (const typed of form.otherConditions) {
    const family = parseCodeFamily(typed) ?? typed.trim();
    if (family !== '' && !families.includes(family)) families.push(family);
  }
  return families;
}

function fieldsOf(form: ProgramForm) {
  return {
    name: form.name.trim(),
    description: form.description.trim(),
    levelOfCare: form.levelOfCare,
    population: form.population,
    focus: form.focus,
    format: form.format,
    ...rulesOf(form),
    groupCapacity: form.groupCapacity,
    conditions: conditionsOf(form),
    modalities: form.modalities,
    isPart2: form.isPart2,
    published: form.published,
    publicSummaryEn: form.publicSummaryEn.trim(),
    publicSummaryEs: form.publicSummaryEs.trim(),
  };
}

export type ProgramBody = ReturnType<typeof fieldsOf> & { siteId: string };
export type ProgramPatch = ReturnType<typeof fieldsOf> & { version: number };

export function programBody(form: ProgramForm): ProgramBody {
  return { siteId: form.siteId, ...fieldsOf(form) };
}

export function programPatch(form: ProgramForm, version: number): ProgramPatch {
  return { version, ...fieldsOf(form) };
}
