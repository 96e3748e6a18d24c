import { db } from "./db";
import { redis } from "./redis";
import { whenReady } from "./redis-ready";

type TProbe = { ok: boolean; latencyMs: number; error?: string };

async function probe(fn: () => Promise<unknown>, timeoutMs = 2_000): Promise<TProbe> {
  const start = performance.now();
  try {
    await Promise.race([
      fn(),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs)),
    ]);
    return { ok: true, latencyMs: Math.round((performance.now() - start) * 10) / 10 };
  } catch (e) {
    return { ok: false, latencyMs: Math.round(performance.now() - start), error: (e as Error).message.slice(0, 200) };
  }
}

/** Database and Redis reachability with latency. */
export async function checkHealth() {
  const [database, redisProbe] = await Promise.all([
    probe(() => db().$queryRaw`SELECT 1`),
    probe(async () => {
      await whenReady(redis());
      return redis().ping();
    }),
  ]);
  return { ok: database.ok && redisProbe.ok, database, redis: redisProbe };
}
