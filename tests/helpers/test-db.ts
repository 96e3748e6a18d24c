import pg from "pg";
import { randomBytes } from "node:crypto";
import { ensureDatabase, migrate } from "../../scripts/db/migrate-lib";

/** The server the tests use: TEST_PG_URL, else the local one. Never the demo database. */
export const TEST_PG_BASE = process.env.TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

export function dbUrl(name: string): string {
  const u = new URL(TEST_PG_BASE);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Drops (if present) and creates a database, then applies the migrations. */
export async function freshDatabase(name: string): Promise<string> {
  await dropDatabase(name);
  const url = dbUrl(name);
  await ensureDatabase(url);
  await migrate(url);
  return url;
}

export async function dropDatabase(name: string): Promise<void> {
  const c = new pg.Client({ connectionString: dbUrl("postgres") });
  await c.connect();
  try {
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await c.end();
  }
}

export const uniqueName = (prefix: string) => `${prefix}_${randomBytes(4).toString("hex")}`;

/**
 * Deletes every Redis key under `prefix:` (a run's queue, rate limits, caches). Returns how many.
 * SCAN, never KEYS, so a shared server is not blocked.
 */
export async function dropRedisPrefix(url: string, prefix: string): Promise<number> {
  if (!/^[\w.-]+$/.test(prefix)) throw new Error(`refusing to delete keys under a prefix like \`${prefix}\``);
  const { default: Redis } = await import("ioredis");
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let deleted = 0;
    for await (const keys of redis.scanStream({ match: `${prefix}:*`, count: 500 }) as AsyncIterable<string[]>) {
      if (keys.length > 0) deleted += await redis.del(...keys);
    }
    return deleted;
  } finally {
    redis.disconnect();
  }
}
