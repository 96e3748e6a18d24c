import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";

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

/** A private redis-server for tests that stop and start Redis (never the machine's shared one). */
export async function startRedisServer(port: number): Promise<TProc> {
  const proc = spawn(
    "redis-server",
    ["--bind", "127.0.0.1", "--port", String(port), "--save", "", "--appendonly", "no"],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
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
