/**
 * Starts a sandbox child process: node (with the given arguments) inside bubblewrap when it is
 * available, else a plain child process. See README.md ("Process containment").
 *
 * SANDBOX_BWRAP=off|auto|required (default auto):
 *   off       plain child process;
 *   auto      bubblewrap when `bwrap` is on PATH and passes a one-time probe, else a plain child
 *             process and one warning on stderr;
 *   required  bubblewrap or nothing: starting a child fails when the probe fails.
 *
 * Under bubblewrap the child gets every namespace unshared (no network: only its own loopback),
 * uid/gid 65534, no capabilities, no nested user namespaces, a fresh /proc and minimal /dev, a
 * tmpfs /tmp, and read-only binds of only: /usr (with the /bin, /lib, /lib64, /sbin links), the
 * node binary and the repo's node_modules (where the child's bundle lives: ./child-bundle.ts).
 * Nothing else of the repo (.env, .data, the source) and nothing of /etc, /home, /root exists
 * inside. bubblewrap also loads a seccomp filter (./seccomp.ts) before it starts node: no new
 * processes (threads only), no ptrace, mount, namespace, bpf, io_uring, keyring or module calls.
 */
import { spawn, type ChildProcess, type StdioOptions } from "node:child_process";
import { existsSync, lstatSync, readlinkSync, realpathSync } from "node:fs";
import { delimiter, dirname, join, resolve } from "node:path";
import type { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { seccompFilter } from "./seccomp";

export type BwrapMode = "off" | "auto" | "required";

export interface SpawnSandboxOptions {
  /** Default: SANDBOX_BWRAP from the environment, else `auto`. */
  mode?: BwrapMode;
  /** The bwrap executable (default: `bwrap` looked up on PATH). For tests of the fallback. */
  bwrapPath?: string;
  stdio?: StdioOptions;
  env?: NodeJS.ProcessEnv;
  /** Called when `auto` falls back to a plain child (default: one line on stderr per process). */
  warn?: (message: string) => void;
}

export interface SandboxSpawn {
  child: ChildProcess;
  /** How the child is contained. */
  containment: "bwrap" | "none";
  /** Whether bubblewrap loaded the seccomp filter (false without bubblewrap or on an unknown CPU). */
  seccomp: boolean;
}

/** The sandbox code (this folder) and the repo root it lives in. */
export const SANDBOX_DIR = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(SANDBOX_DIR, "..", "..");

export function bwrapMode(value = process.env.SANDBOX_BWRAP): BwrapMode {
  const v = (value ?? "").trim().toLowerCase();
  if (v === "" || v === "auto") return "auto";
  if (v === "off" || v === "required") return v;
  throw new Error(`SANDBOX_BWRAP must be off, auto or required (got \`${value}\`)`);
}

function findOnPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (!dir) continue;
    const p = join(dir, name);
    if (existsSync(p)) return p;
  }
  return null;
}

/** The bubblewrap arguments that come before the command (see README.md, "Process containment"). */
export function bwrapArgs(): string[] {
  const args = [
    "--unshare-all",
    "--unshare-user", // explicit: as root, --unshare-all only tries; needed for --uid and --disable-userns
    "--disable-userns",
    "--die-with-parent",
    "--new-session",
    "--cap-drop",
    "ALL",
    "--uid",
    "65534",
    "--gid",
    "65534",
    "--hostname",
    "sandbox",
    "--ro-bind",
    "/usr",
    "/usr",
  ];
  // Debian's merged /usr: /bin, /lib, /lib64, /sbin are links into /usr; elsewhere they are dirs.
  for (const top of ["/bin", "/lib", "/lib64", "/sbin"]) {
    let st;
    try {
      st = lstatSync(top);
    } catch {
      continue;
    }
    if (st.isSymbolicLink()) args.push("--symlink", readlinkSync(top), top);
    else if (st.isDirectory()) args.push("--ro-bind", top, top);
  }
  const node = realpathSync(process.execPath);
  if (!node.startsWith("/usr/")) args.push("--ro-bind", node, node);
  args.push("--proc", "/proc", "--dev", "/dev", "--size", String(64 * 1024 * 1024), "--tmpfs", "/tmp");
  // The child runs a bundle inside node_modules (./child-bundle.ts): nothing else of the repo.
  const modules = join(REPO_ROOT, "node_modules");
  args.push("--ro-bind", modules, modules, "--chdir", REPO_ROOT);
  return args;
}

/**
 * Starts `bwrap [--seccomp N] <bwrapArgs> <command>`: the filter goes through one more pipe, fd N
 * of bwrap, which reads it to the end and closes it before it executes the command.
 */
function spawnBwrap(
  bwrapPath: string,
  command: string[],
  stdio: StdioOptions,
  env: NodeJS.ProcessEnv,
): { child: ChildProcess; seccomp: boolean } {
  const filter = seccompFilter();
  const fds = typeof stdio === "string" ? [stdio, stdio, stdio] : [...stdio];
  const args = [...bwrapArgs(), ...command];
  if (filter) {
    args.unshift("--seccomp", String(fds.length));
    fds.push("pipe");
  }
  const child = spawn(bwrapPath, args, { stdio: fds, env, serialization: "json" });
  if (filter) {
    const pipe = child.stdio[fds.length - 1] as Writable;
    // bwrap may die before reading it (its error then reaches the caller through exit and stderr).
    pipe.on("error", () => {});
    pipe.end(filter);
  }
  return { child, seccomp: filter !== null };
}

const probes = new Map<string, Promise<string | null>>();

/**
 * Runs node once under bwrap with the same set-up (memoised per bwrap path): null when it works,
 * else why not.
 */
export function probeBwrap(bwrapPath: string): Promise<string | null> {
  let p = probes.get(bwrapPath);
  if (!p) {
    p = new Promise<string | null>((done) => {
      const marker = "bastion-bwrap-ok";
      let out = "";
      let err = "";
      let child: ChildProcess;
      try {
        child = spawnBwrap(
          bwrapPath,
          [process.execPath, "-e", `process.stdout.write(${JSON.stringify(marker)})`],
          ["ignore", "pipe", "pipe"],
          { PATH: process.env.PATH ?? "" } as unknown as NodeJS.ProcessEnv,
        ).child;
      } catch (e) {
        done((e as Error).message);
        return;
      }
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
      child.stderr?.on("data", (d: Buffer) => (err += d.toString()));
      child.on("error", (e) => {
        clearTimeout(timer);
        done(e.message);
      });
      child.on("close", (code, signal) => {
        clearTimeout(timer);
        if (code === 0 && out === marker) done(null);
        else done(`exit ${code ?? signal}: ${err.trim().slice(0, 500) || "no output"}`);
      });
    });
    probes.set(bwrapPath, p);
  }
  return p;
}

let warned = false;

/**
 * Spawns `node <nodeArgs>` as a sandbox child: under bubblewrap when the mode and the machine allow
 * it. Rejects only in `required` mode when bubblewrap is missing or fails its probe.
 */
export async function spawnSandboxChild(nodeArgs: string[], opts: SpawnSandboxOptions = {}): Promise<SandboxSpawn> {
  const mode = opts.mode ?? bwrapMode();
  const stdio = opts.stdio ?? ["ignore", "ignore", "pipe", "ipc"];
  // The child needs nothing from the parent's environment (secrets stay out of it).
  const env = opts.env ?? ({ PATH: process.env.PATH ?? "", NODE_OPTIONS: "" } as unknown as NodeJS.ProcessEnv);
  if (mode !== "off") {
    const bwrap = opts.bwrapPath ?? findOnPath("bwrap");
    const problem = bwrap ? await probeBwrap(bwrap) : "bwrap is not on PATH (apt-get install bubblewrap)";
    if (bwrap && problem === null) {
      const { child, seccomp } = spawnBwrap(bwrap, [process.execPath, ...nodeArgs], stdio, env);
      return { child, containment: "bwrap", seccomp };
    }
    if (mode === "required") throw new Error(`SANDBOX_BWRAP=required but bubblewrap cannot be used: ${problem}`);
    const message = `sandbox: running the sandbox child WITHOUT bubblewrap (${problem}); install bubblewrap, or set SANDBOX_BWRAP=off to silence this`;
    if (opts.warn) opts.warn(message);
    else if (!warned) {
      warned = true;
      process.stderr.write(`warning: ${message}\n`);
    }
  }
  const child = spawn(process.execPath, nodeArgs, { stdio, env, serialization: "json" });
  return { child, containment: "none", seccomp: false };
}
