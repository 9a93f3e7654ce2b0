import type { ResponseInfo } from '../../lib/api';
import type { SessionDto } from '../../lib/api-types';
import type { LoginReason } from '../../lib/return-to';
import { clockOffsetMs, toClientTime } from './idle-time';

// Holds when the server will lock the session, on the client clock. The server resets its idle
// clock on every request, so every successful response pushes the deadline out; a SessionDto
// (login, keepalive, session fetch) sets it exactly. Tabs share deadlines over a
// BroadcastChannel so activity in one tab keeps the others from locking.

export type IdleSnapshot = {
  idleDeadline: number | null;
  absoluteDeadline: number | null;
  idleTimeoutSeconds: number | null;
};

export type IdleClock = {
  getSnapshot: () => IdleSnapshot;
  subscribe: (listener: () => void) => () => void;
  observeResponse: (info: ResponseInfo) => void;
  setFromSession: (session: SessionDto | null) => void;
  /** Tell other tabs the session ended (logout, lock or expiry). */
  announceEnded: (reason: LoginReason | null) => void;
  onEndedElsewhere: (listener: (reason: LoginReason | null) => void) => () => void;
  /** Close the channel to other tabs (tests; the app keeps its clock for the page's lifetime). */
  dispose: () => void;
};

// Requests that do not carry or refresh the session.
const NO_TOUCH_PREFIXES = ['/api/health', '/api/v1/auth/config', '/api/v1/auth/logout', '/api/v1/setup/', '/api/v1/invites/'];

type Message = { type: 'deadline'; idleDeadline: number } | { type: 'ended'; reason: LoginReason | null };

const EMPTY: IdleSnapshot = { idleDeadline: null, absoluteDeadline: null, idleTimeoutSeconds: null };

export function createIdleClock(channelName = 'openiop-session'): IdleClock {
  let snapshot = EMPTY;
  let offsetMs = 0;
  const listeners = new Set<() => void>();
  const endedListeners = new Set<(reason: LoginReason | null) => void>();
  const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(channelName);

  function update(next: IdleSnapshot, broadcast: boolean): void {
    snapshot = next;
    for (const listener of listeners) listener();
    if (broadcast && next.idleDeadline !== null) {
      post({ type: 'deadline', idleDeadline: next.idleDeadline });
    }
  }

  function post(message: Message): void {
    channel?.postMessage(message);
  }

  if (channel !== null) {
    channel.onmessage = (event: MessageEvent<Message>) => {
      const message = event.data;
      if (message.type === 'ended') {
        for (const listener of endedListeners) listener(message.reason);
      } else if (snapshot.idleDeadline !== null && message.idleDeadline > snapshot.idleDeadline) {
        update({ ...snapshot, idleDeadline: message.idleDeadline }, false);
      }
    };
  }

  return {
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    observeResponse(info) {
      if (info.serverDate !== null) offsetMs = clockOffsetMs(info.serverDate, info.receivedAt);
      if (snapshot.idleTimeoutSeconds === null || snapshot.idleDeadline === null) return;
      if (NO_TOUCH_PREFIXES.some((prefix) => info.path.startsWith(prefix))) return;
      // The server restarted its idle clock when the request arrived, which is after it was sent.
      const touched = info.startedAt + snapshot.idleTimeoutSeconds * 1000;
      if (touched > snapshot.idleDeadline) update({ ...snapshot, idleDeadline: touched }, true);
    },
    setFromSession(session) {
      if (session === null) {
        update(EMPTY, false);
        return;
      }
      update(
        {
          idleDeadline: toClientTime(session.idleExpiresAt, offsetMs),
          absoluteDeadline: toClientTime(session.absoluteExpiresAt, offsetMs),
          idleTimeoutSeconds: session.idleTimeoutSeconds,
        },
        true,
      );
    },
    announceEnded(reason) {
      post({ type: 'ended', reason });
    },
    onEndedElsewhere(listener) {
      endedListeners.add(listener);
      return () => endedListeners.delete(listener);
    },
    dispose() {
      channel?.close();
    },
  };
}
