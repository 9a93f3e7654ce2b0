import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../lib/api-context';
import type { RoomDto, RoomsDto, SiteDto } from '../../lib/api-types';
import { sitesQueryKey } from '../../lib/use-sites';

export type SiteBody = { name: string; address: string; timeZone: string };
export type RoomBody = { name: string; capacity: number };

const sitePath = (siteId: string) => `/api/v1/sites/${encodeURIComponent(siteId)}`;
const roomPath = (roomId: string) => `/api/v1/rooms/${encodeURIComponent(roomId)}`;
const roomsKey = (siteId: string) => ['sites', siteId, 'rooms'] as const;

export function useSaveSite() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ siteId, body }: { siteId: string | null; body: SiteBody }) =>
      siteId === null ? api.post<SiteDto>('/api/v1/sites', body) : api.patch<SiteDto>(sitePath(siteId), body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sitesQueryKey }),
  });
}

export function useRooms(siteId: string, includeInactive: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: [...roomsKey(siteId), includeInactive],
    queryFn: () => api.get<RoomsDto>(`${sitePath(siteId)}/rooms`, { includeInactive: String(includeInactive) }),
    select: (data) => data.rooms,
  });
}

export function useSaveRoom(siteId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ roomId, body }: { roomId: string | null; body: RoomBody }) =>
      roomId === null ? api.post<RoomDto>(`${sitePath(siteId)}/rooms`, body) : api.patch<RoomDto>(roomPath(roomId), body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: roomsKey(siteId) }),
  });
}

export function useSetRoomActive(siteId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ roomId, active }: { roomId: string; active: boolean }) =>
      api.post<RoomDto>(`${roomPath(roomId)}/${active ? 'reactivate' : 'deactivate'}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: roomsKey(siteId) }),
  });
}
