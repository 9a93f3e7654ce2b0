import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router/dom';
import { SessionProvider } from '../features/auth/session-provider';
import { ApiProvider } from '../lib/api-context';
import type { createAppRouter } from './routes';
import type { AppServices } from './services';
import { cssVariablesResolver, theme } from './theme';

type Props = { services: AppServices; router: ReturnType<typeof createAppRouter> };

export function App({ services, router }: Props) {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      <Notifications position="top-right" />
      <QueryClientProvider client={services.queryClient}>
        <ApiProvider api={services.api}>
          <SessionProvider idleClock={services.idleClock}>
            <RouterProvider router={router} />
          </SessionProvider>
        </ApiProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}
