import { Center, Loader } from '@mantine/core';

export function FullPageLoader({ label = 'Loading' }: { label?: string }) {
  return (
    <Center mih="100vh" role="status" aria-label={label}>
      <Loader />
    </Center>
  );
}

export function SectionLoader({ label = 'Loading' }: { label?: string }) {
  return (
    <Center p="xl" role="status" aria-label={label}>
      <Loader size="sm" />
    </Center>
  );
}
