import { Alert, Anchor, Code, List, Stack, Text } from '@mantine/core';
import type { AuthConfigDto } from '../../lib/api-types';
import { roleLabel } from '../../lib/roles';

/** Shown on the login page of a demo server, whose data is made up. */
export function DemoBanner({ config, onPick }: { config: AuthConfigDto; onPick: (email: string) => void }) {
  return (
    <Alert color="orange" title="Demo data" role="region" aria-label="Demo data">
      <Stack gap="xs">
        <Text size="sm">
          This server holds made-up demo data only. Choose an account to fill in its email.
          {config.demoPassword !== null && (
            <>
              {' '}
              The password for every demo account is <Code>{config.demoPassword}</Code>
            </>
          )}
        </Text>
        <List size="sm" spacing={4}>
          {config.demoAccounts.map((account) => (
            <List.Item key={account.email}>
              <Anchor component="button" type="button" size="sm" onClick={() => onPick(account.email)}>
                {account.email}
              </Anchor>{' '}
              — {roleLabel(account.role)}
            </List.Item>
          ))}
        </List>
      </Stack>
    </Alert>
  );
}
