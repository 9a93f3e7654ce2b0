import { CreateLinkModal, LinksTable } from '../../components/patient-links';
import { formatDateTime } from '../../lib/format';
import { useCreatePlanLink, usePlanLinks, useRevokePlanLink, type PlanLinkDto, type PlanLinkState } from './safety-api';

const STATE_LABEL: Record<PlanLinkState, { label: string; color: string }> = {
  active: { label: 'Active', color: 'green' },
  expired: { label: 'Expired', color: 'gray' },
  revoked: { label: 'Revoked', color: 'red' },
};

const LAST_OPENED = {
  heading: 'Last opened',
  cell: (link: PlanLinkDto) => (link.lastViewedAt === null ? 'Never' : formatDateTime(link.lastViewedAt)),
};

/** Creates a link to the patient's current safety plan and shows its address this once (decision 0024). */
export function SharePlanModal({ patientId, onClose }: { patientId: string; onClose: () => void }) {
  const create = useCreatePlanLink(patientId);
  return (
    <CreateLinkModal
      title="Share the safety plan with the patient"
      intro="The patient gets a private link to the current safety plan, with crisis numbers first. It works for 30 days, can be printed, and you can revoke it at any time."
      shownOnce="This link is shown only once. It needs no login, always shows the newest version of the plan, and works for 30 days unless you revoke it. Give it only to the patient."
      fieldLabel="Safety plan link"
      testId="plan-link-url"
      createLabel="Create link"
      create={create}
      onClose={onClose}
    />
  );
}

/** The patient's safety plan links, newest first, without their tokens; active ones can be revoked. */
export function PlanLinksList({ patientId }: { patientId: string }) {
  const links = usePlanLinks(patientId);
  const revoke = useRevokePlanLink(patientId);
  return (
    <LinksTable
      caption="Links shared with the patient"
      loadingLabel="Loading safety plan links"
      states={STATE_LABEL}
      links={links}
      revoke={revoke}
      extraColumn={LAST_OPENED}
    />
  );
}
