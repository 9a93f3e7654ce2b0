import { z } from 'zod';
import { ErrorBody, Uuid, standardErrors } from '../../http/common-schemas.js';

export const measureErrors = { ...standardErrors, 409: ErrorBody } as const;

export const ProgramParams = z.strictObject({ programId: Uuid });
export const PatientParams = z.strictObject({ patientId: Uuid });

const Code = z.string().min(1).max(32);

export const ScheduleRule = z.strictObject({
  instrument: Code,
  baseline: z.boolean(),
  everyDays: z.number().int().min(1).max(365).nullable(),
  everySessions: z.number().int().min(1).max(100).nullable(),
  atLevelChange: z.boolean(),
  atDischarge: z.boolean(),
});
export const ScheduleDto = z.object({ programId: z.string(), rules: z.array(ScheduleRule) });
export const ScheduleBody = z.strictObject({ rules: z.array(ScheduleRule).max(20) });

const AnswerValue = z.union([z.number(), z.string().max(2000), z.null()]);

export const ResponseDto = z.object({
  id: z.string(),
  instrument: z.string(),
  instrumentVersion: z.string(),
  administeredAt: z.string(),
  complete: z.boolean(),
  total: z.number().nullable(),
  band: z.string().nullable(),
  flags: z.array(z.string()),
  missingItems: z.array(z.string()),
  source: z.enum(['link', 'kiosk', 'staff_entry']),
  enteredBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  answers: z.record(z.string(), AnswerValue),
});

export const PatientMeasuresDto = z.object({
  episodeId: z.string().nullable(),
  due: z.array(
    z.object({
      instrument: z.string(),
      instrumentName: z.string(),
      reason: z.enum(['baseline', 'every_days', 'every_sessions', 'level_change', 'discharge']),
      dueOn: z.string(),
      status: z.enum(['due', 'overdue']),
    }),
  ),
  instruments: z.array(z.object({ code: z.string(), name: z.string(), responses: z.array(ResponseDto) })),
});

export const PaperEntryBody = z.strictObject({
  instrument: Code,
  answers: z.record(z.string().max(8), AnswerValue),
  administeredAt: z.iso.datetime({ offset: true }),
  incomplete: z.boolean().optional(),
});
export const EntryResultDto = z.object({ response: ResponseDto, alertId: z.string().nullable() });

export const LinkBody = z.strictObject({ instrument: Code, language: z.enum(['en', 'es']).optional() });
export const KioskBody = z.strictObject({ patientId: Uuid, instrument: Code, language: z.enum(['en', 'es']).optional() });
export const LinkDto = z.object({ linkId: z.string(), url: z.string(), expiresAt: z.string(), kind: z.enum(['link', 'kiosk']) });
