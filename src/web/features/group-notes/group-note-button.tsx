import { Button } from '@mantine/core';
import { Link } from 'react-router';
import type { RosterSessionDto } from '../../lib/api-types';
import { ACCESS, canAccess } from '../../lib/roles';
import { useActiveSession } from '../auth/session-provider';

/** On the roster of a group that has started: open its group note (clinical staff only). */
export function GroupNoteButton({ session }: { session: Pick<RosterSessionDto, 'id' | 'kind' | 'status'> }) {
  const { user } = useActiveSession();
  if (session.kind !== 'group' || session.status === 'cancelled' || !canAccess(user.roles, ACCESS.groupNotes)) return null;
  return (
    <Button component={Link} to={`/sessions/${session.id}/group-note`} variant="light">
      Group note
    </Button>
  );
}
