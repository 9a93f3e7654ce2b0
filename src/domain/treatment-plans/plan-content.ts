// The shape of a treatment plan version's content (treatment_plans.content). Ids are UUIDs that a
// revision keeps, so a note that cites an objective still finds it in later versions.

export type ObjectiveStatus = 'open' | 'met' | 'revised' | 'discontinued';

export type PlanObjective = {
  id: string;
  /** Measurable: what the patient will do, how much, by when. */
  statement: string;
  /** 'YYYY-MM-DD' */
  targetDate: string;
  status: ObjectiveStatus;
};

export type PlanIntervention = {
  id: string;
  description: string;
  /** e.g. 'CBT', 'DBT skills', 'MI', 'EMDR', 'medication management' */
  modality: string;
  /** e.g. '3 groups a week', 'weekly individual' */
  frequency: string;
  /** The staff member responsible (users.id). */
  responsibleUserId: string;
};

export type PlanGoal = {
  id: string;
  statement: string;
  objectives: PlanObjective[];
  interventions: PlanIntervention[];
};

export type PlanProblem = {
  id: string;
  statement: string;
  /** ICD-10-CM codes this problem relates to, e.g. 'F33.1'. */
  diagnosisCodes: string[];
  goals: PlanGoal[];
};

export type TreatmentPlanContent = {
  problems: PlanProblem[];
  /** The patient's own words about what they want from treatment (optional). */
  patientStrengthsAndPreferences: string;
  /**
   * Why the planned days or minutes per week fall outside the program's intensity rules (e.g. a
   * step-down week agreed with the payer). Without it such a plan cannot be signed (decision 0026).
   */
  intensityExceptionReason?: string;
};
