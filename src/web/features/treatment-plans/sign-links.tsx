import type { SignLinkState } from '../../../domain/treatment-plans/sign-links';
import { CreateLinkModal, LinksTable } from '../../components/patient-links';
import { useCreateSignLink, useRevokeSignLink, useSignLinks } from './treatment-plans-api';

const STATE_LABEL: Record<SignLinkState, { label: string; color: string }> = {
  active: { label: 'Active', color: 'green' },
  used: { label: 'Used', color: 'blue' },
  expired: { label: 'Expired', color: 'gray' },
  revoked: { label: 'Revoked', color: 'red' },
};

/** Creates a one-time signing link and shows its address this once (decision 0026). */
export function CreateSignLinkModal({ planId, onClose }: { planId: string; onClose: () => void }) {
  const create = useCreateSignLink(planId);
  return (
    <CreateLinkModal
      title="Send the plan to the patient to sign"
      intro="The patient gets a private link to read this version of the plan and sign it with their typed name."
      shownOnce="This link is shown only once. It needs no login, works once, and expires in 7 days unless you revoke it. Give it only to the patient."
      fieldLabel="Signing link"
      testId="sign-link-url"
      createLabel="Create signing link"
      create={create}
      onClose={onClose}
    />
  );
}

/** The version's signing links without their tokens; active ones can be revoked. */
export function SignLinksList({ planId }: { planId: string }) {
  const links = useSignLinks(planId);
  const revoke = useRevokeSignLink(planId);
  return (
    <LinksTable
      caption="Signing links sent to the patient"
      loadingLabel="Loading signing links"
      states={STATE_LABEL}
      links={links}
      revoke={revoke}
    />
  );
}
