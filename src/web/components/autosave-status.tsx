import { Text } from '@mantine/core';

const TIME = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** "Saved at 14:05:09" in the browser's zone. */
export function savedAtText(iso: string): string {
  return `Saved at ${TIME.format(Date.parse(iso))}`;
}

/** The autosave indicator's words: a save in flight, typing not yet saved, or when it was last saved. */
export function autosaveStatusText({ saving, dirty, savedAt }: { saving: boolean; dirty: boolean; savedAt: string | null }): string {
  if (saving) return 'Saving…';
  if (dirty) return 'Unsaved changes';
  if (savedAt === null) return 'No changes yet';
  return savedAtText(savedAt);
}

/** The autosave indicator, announced politely to screen readers. */
export function AutosaveStatus(props: { saving: boolean; dirty: boolean; savedAt: string | null }) {
  return (
    <Text size="sm" c="dimmed" role="status" aria-live="polite" data-testid="autosave-status">
      {autosaveStatusText(props)}
    </Text>
  );
}
