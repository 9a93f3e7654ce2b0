// The self-check's questions as data, in English and Spanish. Safety first, then the person's
// situation; PHQ-9 and GAD-7 are optional. Rules: self-check.ts, docs/domain/self-check.md.
import type { Label } from '../instruments/likert.js';

export type Choice<V extends string> = { value: V; label: Label };
export type Question<V extends string = string> = { id: string; label: Label; choices: readonly Choice<V>[] };

const yes: Choice<'yes'> = { value: 'yes', label: { en: 'Yes', es: 'Sí' } };
const no: Choice<'no'> = { value: 'no', label: { en: 'No', es: 'No' } };

export const SAFETY_QUESTIONS = [
  {
    id: 'suicidalThoughts',
    label: { en: 'Are you having thoughts of ending your life?', es: '¿Tiene pensamientos de quitarse la vida?' },
    choices: [
      { value: 'now', label: { en: 'Yes, right now or today', es: 'Sí, ahora mismo o hoy' } },
      { value: 'recently', label: { en: 'In the past few weeks, not today', es: 'En las últimas semanas, pero no hoy' } },
      { value: 'never', label: { en: 'No', es: 'No' } },
    ],
  },
  {
    id: 'harmOthers',
    label: { en: 'Are you having thoughts of harming someone else?', es: '¿Tiene pensamientos de hacerle daño a otra persona?' },
    choices: [yes, no],
  },
  {
    id: 'recentAttempt',
    label: { en: 'Have you tried to end your life in the past few weeks?', es: '¿Ha intentado quitarse la vida en las últimas semanas?' },
    choices: [yes, no],
  },
  {
    id: 'withdrawalRisk',
    label: {
      en: 'If you stopped drinking or using drugs, could you need medical care for withdrawal (for example shaking, seizures or hallucinations before)?',
      es: 'Si dejara de beber o de consumir drogas, ¿podría necesitar atención médica por la abstinencia (por ejemplo, temblores, convulsiones o alucinaciones en el pasado)?',
    },
    choices: [yes, no],
  },
] as const satisfies readonly Question[];

export const SITUATION_QUESTIONS = [
  {
    id: 'safeHome',
    label: { en: 'Do you have a safe and stable place to live?', es: '¿Tiene un lugar seguro y estable donde vivir?' },
    choices: [yes, no],
  },
  {
    id: 'support',
    label: {
      en: 'Is there someone in your life who supports you (family, friends, a partner)?',
      es: '¿Hay alguien en su vida que le apoye (familia, amigos, pareja)?',
    },
    choices: [yes, no],
  },
  {
    id: 'canAttend',
    label: {
      en: 'Could you take part for about 3 hours a day, 3 to 5 days a week?',
      es: '¿Podría participar unas 3 horas al día, de 3 a 5 días por semana?',
    },
    choices: [yes, no, { value: 'unsure', label: { en: 'Not sure', es: 'No estoy seguro' } }],
  },
  {
    id: 'dailyImpact',
    label: {
      en: 'How much do your struggles get in the way of work, school, family or taking care of yourself?',
      es: '¿Cuánto le afectan sus dificultades en el trabajo, los estudios, la familia o el cuidado de sí mismo?',
    },
    choices: [
      { value: 'a_little', label: { en: 'A little', es: 'Un poco' } },
      { value: 'a_lot', label: { en: 'A lot', es: 'Mucho' } },
      { value: 'cannot_manage', label: { en: 'I can hardly manage day to day', es: 'Casi no puedo con el día a día' } },
    ],
  },
  {
    id: 'commitments',
    label: {
      en: 'Do you have work or school commitments you want to keep?',
      es: '¿Tiene compromisos de trabajo o estudios que quiere mantener?',
    },
    choices: [yes, no],
  },
  {
    id: 'earlierTreatment',
    label: { en: 'Have you had treatment before?', es: '¿Ha recibido tratamiento antes?' },
    choices: [
      { value: 'none', label: { en: 'No', es: 'No' } },
      {
        value: 'outpatient_helping',
        label: { en: 'Yes, weekly therapy, and it is helping', es: 'Sí, terapia semanal, y me está ayudando' },
      },
      {
        value: 'outpatient_not_enough',
        label: { en: 'Yes, weekly therapy, but it is not enough', es: 'Sí, terapia semanal, pero no es suficiente' },
      },
      {
        value: 'hospital_recently',
        label: {
          en: 'I recently left a hospital or day program',
          es: 'Hace poco salí de un hospital o de un programa de día',
        },
      },
    ],
  },
  {
    id: 'formatPreference',
    label: { en: 'Would you rather meet in person or online?', es: '¿Prefiere reunirse en persona o en línea?' },
    choices: [
      { value: 'in_person', label: { en: 'In person', es: 'En persona' } },
      { value: 'online', label: { en: 'Online', es: 'En línea' } },
      { value: 'no_preference', label: { en: 'Either is fine', es: 'Me da igual' } },
    ],
  },
] as const satisfies readonly Question[];
