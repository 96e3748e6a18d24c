import { execFile, execFileSync, spawn, type ChildProcess } from "node:child_process";
import { chownSync, existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import net from "node:net";
import { join } from "node:path";
import { promisify } from "node:util";

const execFileAsync = promisify(execFile);

export type TProc = { proc: ChildProcess; output: () => string; exited: Promise<number | null> };

/** Starts a real worker process (`worker/main.ts`) and resolves once it logs "worker ready". */
export async function startWorkerProcess(env: Record<string, string>, timeoutMs = 60_000): Promise<TProc> {
  const proc = spawn(process.execPath, ["--no-node-snapshot", "--import", "tsx", "worker/main.ts"], {
    env: { ...process.env, LOG_LEVEL: "info", BASTION_SERVICE: "worker", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  proc.stdout!.on("data", (d) => (out += d.toString()));
  proc.stderr!.on("data", (d) => (out += d.toString()));
  const exited = new Promise<number | null>((r) => proc.once("exit", (code) => r(code)));
  const start = Date.now();
  while (!out.includes("worker ready")) {
    if (proc.exitCode !== null) throw new Error(`worker exited early:\n${out}`);
    if (Date.now() - start > timeoutMs) {
      proc.kill("SIGKILL");
      throw new Error(`worker not ready after ${timeoutMs} ms:\n${out}`);
    }
    await sleep(50);
  }
  return { proc, output: () => out, exited };
}

export async function stopProcess(p: TProc | undefined, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  if (!p || p.proc.exitCode !== null || p.proc.signalCode !== null) return;
  p.proc.kill(signal);
  await Promise.race([p.exited, sleep(20_000)]);
  if (p.proc.exitCode === null && p.proc.signalCode === null) p.proc.kill("SIGKILL");
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

/**
 * A private redis-server for tests that stop and start Redis (never the machine's shared one).
 * With `persistDir` it keeps an append-only file there, fsynced on every write (as a production
 * Redis for BullMQ should), so a restart, even after SIGKILL, comes back with the queue.
 */
export async function startRedisServer(port: number, opts: { persistDir?: string } = {}): Promise<TProc> {
  const persistence = opts.persistDir
    ? ["--dir", opts.persistDir, "--appendonly", "yes", "--appendfsync", "always"]
    : ["--appendonly", "no"];
  const proc = spawn("redis-server", ["--bind", "127.0.0.1", "--port", String(port), "--save", "", ...persistence], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  proc.stdout!.on("data", (d) => (out += d.toString()));
  const exited = new Promise<number | null>((r) => proc.once("exit", (code) => r(code)));
  const start = Date.now();
  while (!out.includes("Ready to accept connections")) {
    if (proc.exitCode !== null || Date.now() - start > 10_000) throw new Error(`redis-server did not start:\n${out}`);
    await sleep(20);
  }
  return { proc, output: () => out, exited };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `fn` until it returns a truthy value or the time is up. */
export async function waitFor<T>(
  fn: () => Promise<T>,
  opts: { timeoutMs: number; intervalMs?: number; what: string },
): Promise<NonNullable<T>> {
  const start = Date.now();
  for (;;) {
    const v = await fn();
    if (v) return v as NonNullable<T>;
    if (Date.now() - start > opts.timeoutMs)
      throw new Error(`timed out after ${opts.timeoutMs} ms waiting for ${opts.what}`);
    await sleep(opts.intervalMs ?? 100);
  }
}

/** Where Postgres' server programs (initdb, pg_ctl) live: PG_BIN, else the newest /usr/lib/postgresql/<n>/bin. */
export function postgresBinDir(): string | null {
  if (process.env.PG_BIN) return existsSync(join(process.env.PG_BIN, "initdb")) ? process.env.PG_BIN : null;
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(root, versions[0], "bin") : null;
}

export type TPostgresCluster = {
  port: number;
  /** A connection URL to `database` as the superuser `postgres` (trust auth, 127.0.0.1 only). */
  url: (database: string) => string;
  start: () => Promise<void>;
  /** `fast`: a clean shutdown; `immediate`: like a crash (recovery on the next start). */
  stop: (mode?: "fast" | "immediate") => Promise<void>;
  /** Stops it and deletes its directory. */
  destroy: () => Promise<void>;
};

/**
 * A private Postgres cluster for tests that stop and start the database (never the machine's
 * shared one): initdb under `dir`, its own port and socket directory. As root the programs run as
 * the `postgres` OS user, since initdb refuses root (every parent of `dir` must let that user through).
 */
export async function startPostgresCluster(dir: string, port: number): Promise<TPostgresCluster> {
  const bin = postgresBinDir();
  if (!bin) throw new Error("no Postgres server programs found: set PG_BIN to the directory holding initdb and pg_ctl");
  const asRoot = process.getuid?.() === 0;
  const run = (program: string, args: string[]) =>
    execFileAsync(
      asRoot ? "runuser" : join(bin, program),
      asRoot ? ["-u", "postgres", "--", join(bin, program), ...args] : args,
      {
        maxBuffer: 16 * 1024 * 1024,
      },
    );
  mkdirSync(dir, { recursive: true });
  if (asRoot) {
    const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
    chownSync(dir, id("-u"), id("-g"));
  }
  const data = join(dir, "data");
  await run("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"]);
  const options = [
    `-p ${port}`,
    `-k ${dir}`,
    "-c listen_addresses=127.0.0.1",
    "-c max_connections=200",
    // A process crash (what the tests cause) loses nothing without fsync; only an OS crash would.
    "-c fsync=off",
    "-c full_page_writes=off",
  ].join(" ");
  const start = async () => {
    await run("pg_ctl", ["-D", data, "-l", join(dir, "server.log"), "-o", options, "-w", "-t", "60", "start"]);
  };
  const stop = async (mode: "fast" | "immediate" = "fast") => {
    await run("pg_ctl", ["-D", data, "-m", mode, "-w", "-t", "60", "stop"]).catch((e: Error) => {
      if (!/is the server running|no server running|PID file .* does not exist/i.test(e.message)) throw e;
    });
  };
  await start();
  return {
    port,
    url: (database) => `postgresql://postgres@127.0.0.1:${port}/${database}`,
    start,
    stop,
    destroy: async () => {
      await stop("fast").catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
