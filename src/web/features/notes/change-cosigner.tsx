import { Alert, Button, Group, Select, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { COSIGNER_ROLES, REASSIGN_REASON_MAX } from '../../../domain/notes/cosigner-reassignment';
import { Dialog } from '../../components/dialog';
import { useApi } from '../../lib/api-context';
import { formErrorsFrom } from '../../lib/form-errors';
import { ACCESS, canAccess } from '../../lib/roles';
import { useActiveSession } from '../auth/session-provider';
import { useStaff } from '../staff/staff-api';
import type { Person } from './notes-api';

// A director names another co-signer for a note awaiting co-signature (decision 0034), on the note
// page and on the group note page. The server decides; the list only offers who it would accept.

export type CosignerTarget = { kind: 'note'; noteId: string } | { kind: 'group-note'; sessionId: string };

const FIELDS = ['cosignerId', 'reason'] as const;

function useReassignCosigner(target: CosignerTarget) {
  const api = useApi();
  const client = useQueryClient();
  const path =
    target.kind === 'note' ? `/api/v1/notes/${target.noteId}/cosigner` : `/api/v1/sessions/${target.sessionId}/group-note/cosigner`;
  return useMutation({
    mutationFn: (body: { cosignerId: string; reason: string }) => api.post<unknown>(path, body),
    onSuccess: async () => {
      // The note, the group note and both supervisors' "awaiting my co-signature" lists change.
      await client.invalidateQueries({ queryKey: ['notes'] });
      await client.invalidateQueries({ queryKey: ['group-notes'] });
    },
  });
}

function ChangeCosignerDialog({
  target,
  current,
  signerId,
  onClose,
}: {
  target: CosignerTarget;
  current: Person;
  signerId: string | null;
  onClose: () => void;
}) {
  const reassign = useReassignCosigner(target);
  const staff = useStaff(false);
  const [cosignerId, setCosignerId] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState<Partial<Record<(typeof FIELDS)[number], string>>>({});
  const eligible = (staff.data ?? []).filter(
    (member) =>
      member.status === 'active' && member.userId !== current.id && member.userId !== signerId && canAccess(member.roles, COSIGNER_ROLES),
  );

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const problems: typeof missing = {};
    if (cosignerId === null) problems.cosignerId = 'Choose the new co-signer';
    if (reason.trim() === '') problems.reason = 'Say why the co-signer changes';
    setMissing(problems);
    if (cosignerId === null || Object.keys(problems).length > 0) return;
    reassign.mutate(
      { cosignerId, reason: reason.trim() },
      {
        onSuccess: () => {
          const name = eligible.find((member) => member.userId === cosignerId)?.displayName ?? 'the new co-signer';
          notifications.show({ color: 'green', message: `Now awaiting co-signature by ${name}` });
          onClose();
        },
      },
    );
  }

  const errors = reassign.isError ? formErrorsFrom(reassign.error, FIELDS) : null;
  return (
    <Dialog opened onClose={onClose} title="Change co-signer">
      <form onSubmit={submit} noValidate aria-label="Change co-signer">
        <Stack gap="md">
          <Text size="sm">
            Now awaiting co-signature by {current.name}. The new co-signer sees the note in their list; {current.name} no longer does.
          </Text>
          <Select
            label="New co-signer"
            description="An active clinician, psychiatrist or director, other than the signer."
            required
            searchable
            placeholder={staff.isPending ? 'Loading staff…' : 'Choose'}
            data={eligible.map((member) => ({ value: member.userId, label: member.displayName }))}
            value={cosignerId}
            error={missing.cosignerId ?? errors?.fields.cosignerId}
            onChange={setCosignerId}
          />
          <Textarea
            label="Reason"
            description="Kept with the reassignment for directors; do not name patients."
            required
            autosize
            minRows={2}
            maxLength={REASSIGN_REASON_MAX}
            value={reason}
            error={missing.reason ?? errors?.fields.reason}
            onChange={(event) => setReason(event.currentTarget.value)}
          />
          {errors !== null && errors.general !== null && (
            <Alert color="red" role="alert">
              {errors.general}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={reassign.isPending}>
              Change co-signer
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}

/** "Change co-signer" for a director, next to "Awaiting co-signature by …"; nothing for anyone else. */
export function ChangeCosignerButton(props: { target: CosignerTarget; current: Person; signerId: string | null }) {
  const roles = useActiveSession().user.roles;
  const [open, setOpen] = useState(false);
  if (!canAccess(roles, ACCESS.cosignerReassign)) return null;
  return (
    <>
      <Button variant="light" size="xs" onClick={() => setOpen(true)}>
        Change co-signer
      </Button>
      {open && <ChangeCosignerDialog {...props} onClose={() => setOpen(false)} />}
    </>
  );
}
