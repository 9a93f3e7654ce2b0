import { Alert, List } from '@mantine/core';
import { errorMessage } from '../../lib/form-errors';
import { conflictMessages } from './schedule-api';

/** A refused change: the schedule conflicts one per line, or the error's message. */
export function ConflictAlert({ error, title = 'Not saved' }: { error: unknown; title?: string }) {
  const conflicts = conflictMessages(error);
  return (
    <Alert color="red" title={conflicts.length > 0 ? 'This conflicts with the schedule' : title} role="alert">
      {conflicts.length > 0 ? (
        <List size="sm" spacing={2}>
          {conflicts.map((message) => (
            <List.Item key={message}>{message}</List.Item>
          ))}
        </List>
      ) : (
        errorMessage(error)
      )}
    </Alert>
  );
}
