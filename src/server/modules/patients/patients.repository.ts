import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { PatientLanguage } from '../../../domain/patients/patient-language.js';
import type { Database, LevelOfCareColumn, PatientsTable } from '../../db/schema.js';

type Q = Kysely<Database>;

export type PatientRecord = {
  id: string;
  legalFirstName: string;
  legalLastName: string;
  preferredName: string | null;
  pronouns: string | null;
  dateOfBirth: string;
  phone: string | null;
  email: string | null;
  stateOfResidence: string;
  emergencyContactName: string | null;
  emergencyContactPhone: string | null;
  availabilityNotes: string;
  preferredLanguage: PatientLanguage | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
};

export type PatientFields = Omit<PatientRecord, 'id' | 'version' | 'createdAt' | 'updatedAt'>;

export type OpenEpisodeSummary = {
  episodeId: string;
  patientId: string;
  programId: string;
  programName: string;
  levelOfCare: LevelOfCareColumn;
  admittedOn: string;
};

export type PatientSummaryRecord = Pick<
  PatientRecord,
  'id' | 'legalFirstName' | 'legalLastName' | 'preferredName' | 'pronouns' | 'dateOfBirth' | 'stateOfResidence'
>;

export type PatientFilter = {
  organizationId: string;
  /** Name prefixes; each must start the legal first, legal last or preferred name. */
  nameTokens: string[];
  openEpisode?: boolean | undefined;
  programId?: string | undefined;
  limit: number;
  offset: number;
};

function selectPatient(db: Q) {
  return db
    .selectFrom('patients')
    .select([
      'id',
      'legal_first_name',
      'legal_last_name',
      'preferred_name',
      'pronouns',
      'date_of_birth',
      'phone',
      'email',
      'state_of_residence',
      'emergency_contact_name',
      'emergency_contact_phone',
      'availability_notes',
      'preferred_language',
      'version',
      'created_at',
      'updated_at',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof selectPatient>['executeTakeFirstOrThrow']>>;

function toPatient(row: Row): PatientRecord {
  return {
    id: row.id,
    legalFirstName: row.legal_first_name,
    legalLastName: row.legal_last_name,
    preferredName: row.preferred_name,
    pronouns: row.pronouns,
    dateOfBirth: row.date_of_birth,
    phone: row.phone,
    email: row.email,
    stateOfResidence: row.state_of_residence,
    emergencyContactName: row.emergency_contact_name,
    emergencyContactPhone: row.emergency_contact_phone,
    availabilityNotes: row.availability_notes,
    preferredLanguage: row.preferred_language,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Scoped to the organization: another tenant's id finds nothing. `lock` holds the row until the transaction ends. */
export async function findPatient(
  db: Q,
  organizationId: string,
  patientId: string,
  options: { lock?: boolean } = {},
): Promise<PatientRecord | undefined> {
  let query = selectPatient(db).where('organization_id', '=', organizationId).where('id', '=', patientId);
  if (options.lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row && toPatient(row);
}

function columns(fields: Partial<PatientFields>) {
  return {
    ...(fields.legalFirstName === undefined ? {} : { legal_first_name: fields.legalFirstName }),
    ...(fields.legalLastName === undefined ? {} : { legal_last_name: fields.legalLastName }),
    ...(fields.preferredName === undefined ? {} : { preferred_name: fields.preferredName }),
    ...(fields.pronouns === undefined ? {} : { pronouns: fields.pronouns }),
    ...(fields.dateOfBirth === undefined ? {} : { date_of_birth: fields.dateOfBirth }),
    ...(fields.phone === undefined ? {} : { phone: fields.phone }),
    ...(fields.email === undefined ? {} : { email: fields.email }),
    ...(fields.stateOfResidence === undefined ? {} : { state_of_residence: fields.stateOfResidence }),
    ...(fields.emergencyContactName === undefined ? {} : { emergency_contact_name: fields.emergencyContactName }),
    ...(fields.emergencyContactPhone === undefined ? {} : { emergency_contact_phone: fields.emergencyContactPhone }),
    ...(fields.availabilityNotes === undefined ? {} : { availability_notes: fields.availabilityNotes }),
    ...(fields.preferredLanguage === undefined ? {} : { preferred_language: fields.preferredLanguage }),
  };
}

export async function insertPatient(db: Q, organizationId: string, fields: PatientFields, now: Date): Promise<string> {
  const row = await db
    .insertInto('patients')
    .values({
      organization_id: organizationId,
      legal_first_name: fields.legalFirstName,
      legal_last_name: fields.legalLastName,
      date_of_birth: fields.dateOfBirth,
      state_of_residence: fields.stateOfResidence,
      ...columns(fields),
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Applies the changes and moves the version on by one; the caller has locked the row and checked its version. */
export async function updatePatient(
  db: Q,
  organizationId: string,
  patientId: string,
  fields: Partial<PatientFields>,
  now: Date,
): Promise<void> {
  await db
    .updateTable('patients')
    .set({ ...columns(fields), version: sql<number>`version + 1`, updated_at: now })
    .where('organization_id', '=', organizationId)
    .where('id', '=', patientId)
    .execute();
}

/** LIKE metacharacters in a typed name are literal: "O_Brien" must not match "O'Brien". */
function prefixPattern(token: string): string {
  return `${token.toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

function filtered(db: Q, filter: PatientFilter) {
  let query = db.selectFrom('patients as p').where('p.organization_id', '=', filter.organizationId);
  for (const token of filter.nameTokens) {
    const pattern = prefixPattern(token);
    query = query.where((eb) =>
      eb.or([
        eb(sql`lower(p.legal_last_name)`, 'like', pattern),
        eb(sql`lower(p.legal_first_name)`, 'like', pattern),
        eb(sql`lower(coalesce(p.preferred_name, ''))`, 'like', pattern),
      ]),
    );
  }
  const openEpisodes = (eb: ExpressionBuilder<Database & { p: PatientsTable }, 'p'>, programId: string | undefined) => {
    let sub = eb
      .selectFrom('episodes as e')
      .select('e.id')
      .where('e.organization_id', '=', filter.organizationId)
      .whereRef('e.patient_id', '=', 'p.id')
      .where('e.status', '=', 'open');
    if (programId !== undefined) sub = sub.where('e.program_id', '=', programId);
    return eb.exists(sub);
  };
  if (filter.openEpisode === true) query = query.where((eb) => openEpisodes(eb, undefined));
  if (filter.openEpisode === false) query = query.where((eb) => eb.not(openEpisodes(eb, undefined)));
  if (filter.programId !== undefined) query = query.where((eb) => openEpisodes(eb, filter.programId));
  return query;
}

export async function searchPatients(db: Q, filter: PatientFilter): Promise<{ rows: PatientSummaryRecord[]; total: number }> {
  const base = filtered(db, filter);
  const count = await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .select([
      'p.id',
      'p.legal_first_name',
      'p.legal_last_name',
      'p.preferred_name',
      'p.pronouns',
      'p.date_of_birth',
      'p.state_of_residence',
    ])
    .orderBy(sql`lower(p.legal_last_name)`)
    .orderBy(sql`lower(p.legal_first_name)`)
    .orderBy('p.id')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  return {
    total: Number(count.n),
    rows: rows.map((row) => ({
      id: row.id,
      legalFirstName: row.legal_first_name,
      legalLastName: row.legal_last_name,
      preferredName: row.preferred_name,
      pronouns: row.pronouns,
      dateOfBirth: row.date_of_birth,
      stateOfResidence: row.state_of_residence,
    })),
  };
}

export async function openEpisodesOf(db: Q, organizationId: string, patientIds: readonly string[]): Promise<OpenEpisodeSummary[]> {
  if (patientIds.length === 0) return [];
  const rows = await db
    .selectFrom('episodes as e')
    .innerJoin('programs as pr', (join) => join.onRef('pr.id', '=', 'e.program_id').onRef('pr.organization_id', '=', 'e.organization_id'))
    .select(['e.id', 'e.patient_id', 'e.program_id', 'pr.name', 'e.level_of_care', 'e.admitted_on'])
    .where('e.organization_id', '=', organizationId)
    .where('e.patient_id', 'in', patientIds)
    .where('e.status', '=', 'open')
    .orderBy('e.admitted_on')
    .orderBy('pr.name')
    .execute();
  return rows.map((row) => ({
    episodeId: row.id,
    patientId: row.patient_id,
    programId: row.program_id,
    programName: row.name,
    levelOfCare: row.level_of_care,
    admittedOn: row.admitted_on,
  }));
}
