import { Redis } from "ioredis";
import { env } from "./env";

/**
 * Two kinds of Redis connection, as BullMQ's production guide advises:
 * - "fail-fast" for web processes (producers, rate limits): a command errors at once while Redis
 *   is down, so a request never hangs; the database row stays the source of truth.
 * - "patient" for workers: commands wait and retry forever, so a Redis restart is survived.
 */
export function createRedis(kind: "fail-fast" | "patient", url = env().REDIS_URL): Redis {
  if (kind === "patient") {
    return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: false, lazyConnect: false });
  }
  return new Redis(url, {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: 2_000,
    commandTimeout: 2_000,
    retryStrategy: (times) => Math.min(times * 200, 2_000),
  });
}

const globalForRedis = globalThis as unknown as { bastionRedis?: Redis };

/** The web process's shared fail-fast connection. */
export function redis(): Redis {
  if (!globalForRedis.bastionRedis) {
    const r = createRedis("fail-fast");
    r.on("error", () => {}); // reported by the callers that hit it and by /api/health
    globalForRedis.bastionRedis = r;
  }
  return globalForRedis.bastionRedis;
}

/** A Redis key under the configured prefix. */
export function redisKey(...parts: string[]): string {
  return [env().REDIS_PREFIX, ...parts].join(":");
}
