import type { Redis } from "ioredis";
import { createRedis } from "../redis";
import { env } from "../env";
import { submissionChannel } from "../queue/contract";

export type TStatusEvent = { status: string; score?: number | null };
type TListener = (e: TStatusEvent) => void;

const g = globalThis as unknown as { bastionSub?: { conn: Redis; listeners: Map<string, Set<TListener>> } };

function hub() {
  if (!g.bastionSub) {
    const conn = createRedis("patient");
    conn.on("error", () => {});
    const listeners = new Map<string, Set<TListener>>();
    conn.on("message", (channel: string, message: string) => {
      const set = listeners.get(channel);
      if (!set) return;
      let event: TStatusEvent;
      try {
        event = JSON.parse(message) as TStatusEvent;
      } catch {
        return;
      }
      for (const l of set) l(event);
    });
    g.bastionSub = { conn, listeners };
  }
  return g.bastionSub;
}

/**
 * Listens for status changes of one submission (one shared subscriber connection per web process).
 * Returns the unsubscribe function. Redis trouble only means no push: clients fall back to polling.
 */
export function onSubmissionStatus(submissionId: string, listener: TListener): () => void {
  const { conn, listeners } = hub();
  const channel = submissionChannel(env().REDIS_PREFIX, submissionId);
  let set = listeners.get(channel);
  if (!set) {
    set = new Set();
    listeners.set(channel, set);
    conn.subscribe(channel).catch(() => {});
  }
  set.add(listener);
  return () => {
    const s = listeners.get(channel);
    if (!s) return;
    s.delete(listener);
    if (s.size === 0) {
      listeners.delete(channel);
      conn.unsubscribe(channel).catch(() => {});
    }
  };
}

/** The worker's side: announce a status change. Never throws. */
export function createStatusPublisher(conn: Redis, prefix: string) {
  return (submissionId: string, event: TStatusEvent) => {
    conn.publish(submissionChannel(prefix, submissionId), JSON.stringify(event)).catch(() => {});
  };
}
