import { Alert, Button, Code, CopyButton, Group, Stack, Text } from '@mantine/core';

/** Recovery codes are shown once, right after two-factor authentication is turned on. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const text = codes.join('\n');
  return (
    <Stack gap="md">
      <Alert color="yellow" title="Save your recovery codes now">
        Each code signs you in once if you lose access to your authenticator app. They will not be shown again. Keep them in a password
        manager or another safe place.
      </Alert>
      <Text id="recovery-codes-label" fw={500}>
        Recovery codes
      </Text>
      <Code block data-testid="recovery-codes" aria-labelledby="recovery-codes-label">
        {text}
      </Code>
      <Group justify="space-between">
        <CopyButton value={text} timeout={2000}>
          {({ copied, copy }) => (
            <Button variant="light" onClick={copy}>
              {copied ? 'Codes copied' : 'Copy codes'}
            </Button>
          )}
        </CopyButton>
        <Button onClick={onDone}>I have saved these codes</Button>
      </Group>
    </Stack>
  );
}
