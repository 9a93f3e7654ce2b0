import { Anchor, AppShell, Badge, Burger, Group, NavLink, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, Outlet, useLocation } from 'react-router';
import { useActiveSession } from '../features/auth/session-provider';
import { useOpenAlertCount } from '../features/safety/safety-api';
import { ACCESS, canAccess } from '../lib/roles';
import { isNavItemActive, navItemsFor } from './nav';
import { UserMenu } from './user-menu';

/** The frame around every signed-in staff page: header, role-filtered navigation, content. */
export function AppLayout() {
  const session = useActiveSession();
  const { pathname } = useLocation();
  const [navOpened, { toggle, close }] = useDisclosure(false);
  const items = navItemsFor(session.user.roles);
  const openAlerts = useOpenAlertCount(canAccess(session.user.roles, ACCESS.safety));

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !navOpened } }} padding="lg">
      <AppShell.Header>
        <Anchor href="#main" className="skip-link">
          Skip to main content
        </Anchor>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={navOpened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={navOpened ? 'Close navigation' : 'Open navigation'}
            />
            <Text fw={700} truncate>
              {session.organization.name}
            </Text>
            {session.organization.isDemo && (
              <Badge color="yellow" variant="filled">
                Demo data
              </Badge>
            )}
          </Group>
          <UserMenu session={session} />
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main navigation">
        {items.map((item) => {
          const active = isNavItemActive(item.path, pathname);
          return (
            <NavLink
              key={item.path}
              component={Link}
              to={item.path}
              label={item.label}
              rightSection={
                item.path === '/alerts' && openAlerts.data !== undefined && openAlerts.data > 0 ? (
                  <Badge color="red" size="sm" circle>
                    {openAlerts.data}
                  </Badge>
                ) : undefined
              }
              active={active}
              aria-current={active ? 'page' : undefined}
              onClick={close}
            />
          );
        })}
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
