import { Center, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useDocumentTitle } from './page';

/** The narrow card used by sign-in, setup, invite and two-factor pages. */
export function CenteredCard({ title, intro, children }: { title: string; intro?: ReactNode; children: ReactNode }) {
  useDocumentTitle(title);
  return (
    <Center component="main" mih="100vh" p="md">
      <Stack w="100%" maw={460} gap="md">
        <Text fw={700} size="lg" ta="center">
          OpenIOP
        </Text>
        <Paper withBorder shadow="sm" p="xl" radius="md">
          <Stack gap="md">
            <Title order={1} size="h2">
              {title}
            </Title>
            {intro}
            {children}
          </Stack>
        </Paper>
      </Stack>
    </Center>
  );
}
