import type { Redis } from "ioredis";

/** Resolves once a fail-fast connection is ready (it has no offline queue), or rejects after `timeoutMs`. */
export function whenReady(r: Redis, timeoutMs = 2_000): Promise<void> {
  if (r.status === "ready") return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`redis is not reachable (${r.status})`));
    }, timeoutMs);
    const onReady = () => {
      cleanup();
      resolve();
    };
    const cleanup = () => {
      clearTimeout(timer);
      r.off("ready", onReady);
    };
    r.on("ready", onReady);
  });
}
