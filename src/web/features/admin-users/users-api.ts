import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../lib/api-context';
import type { Role, UserDto, UsersListDto, UserWithInviteDto } from '../../lib/api-types';

export const usersQueryKey = ['admin', 'users'] as const;

export type NewUserBody = { email: string; displayName: string; roles: Role[]; siteIds: string[] };
export type UserPatch = { displayName?: string; roles?: Role[]; siteIds?: string[] };

const base = '/api/v1/admin/users';
const userPath = (userId: string) => `${base}/${encodeURIComponent(userId)}`;

/** The invite link to hand to a new user; the server sends a path like /invite/<token>. */
export function absoluteInviteUrl(inviteUrl: string, origin: string): string {
  return new URL(inviteUrl, origin).href;
}

export function useUsers() {
  const api = useApi();
  return useQuery({
    queryKey: usersQueryKey,
    queryFn: () => api.get<UsersListDto>(base),
    select: (data) => data.users,
  });
}

function useInvalidateUsers() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: usersQueryKey });
}

export function useCreateUser() {
  const api = useApi();
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (body: NewUserBody) => api.post<UserWithInviteDto>(base, body),
    onSuccess: invalidate,
  });
}

export function useUpdateUser() {
  const api = useApi();
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: ({ userId, patch }: { userId: string; patch: UserPatch }) => api.patch<UserDto>(userPath(userId), patch),
    onSuccess: invalidate,
  });
}

export function useSetUserActive() {
  const api = useApi();
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: ({ userId, active }: { userId: string; active: boolean }) =>
      api.post<UserDto>(`${userPath(userId)}/${active ? 'reactivate' : 'deactivate'}`),
    onSuccess: invalidate,
  });
}

export function useNewInviteLink() {
  const api = useApi();
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (userId: string) => api.post<UserWithInviteDto>(`${userPath(userId)}/invite`),
    onSuccess: invalidate,
  });
}
