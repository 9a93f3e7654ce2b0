import type { Role } from '../lib/api-types';
import { ACCESS, canAccess } from '../lib/roles';

// The staff navigation, one row per page. A row shows only to users holding one of its roles;
// guard the matching route with the same role list (see routes.tsx) so hidden means forbidden.
export type NavItem = { path: string; label: string; roles: readonly Role[] };

export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/', label: 'Dashboard', roles: ACCESS.everyone },
  { path: '/admissions', label: 'Admissions', roles: ACCESS.admissions },
  { path: '/patients', label: 'Patients', roles: ACCESS.patients },
  { path: '/alerts', label: 'Alerts', roles: ACCESS.safety },
  { path: '/notes', label: 'My notes', roles: ACCESS.notes },
  { path: '/late-notes', label: 'Late notes', roles: ACCESS.lateNotes },
  { path: '/outcomes', label: 'Outcomes', roles: ACCESS.outcomes },
  { path: '/group-notes', label: 'Group notes', roles: ACCESS.groupNotes },
  { path: '/schedule', label: 'Schedule', roles: ACCESS.schedule },
  { path: '/programs', label: 'Programs', roles: ACCESS.programs },
  { path: '/sites', label: 'Sites', roles: ACCESS.configure },
  { path: '/staff', label: 'Staff', roles: ACCESS.configure },
  { path: '/closures', label: 'Closures', roles: ACCESS.configure },
  { path: '/admin/users', label: 'Users', roles: ACCESS.users },
  { path: '/organization', label: 'Organization settings', roles: ACCESS.organizationSettings },
  { path: '/audit', label: 'Audit trail', roles: ACCESS.audit },
];

export function navItemsFor(roles: readonly Role[]): NavItem[] {
  return NAV_ITEMS.filter((item) => canAccess(roles, item.roles));
}

export function isNavItemActive(itemPath: string, pathname: string): boolean {
  if (itemPath === '/') return pathname === '/';
  return pathname === itemPath || pathname.startsWith(`${itemPath}/`);
}
