import type { ChildProcess } from "node:child_process";
import type { HandlerRunResult } from "../../core/index";
import { DEFAULT_LIMITS, type SandboxLimits, type SyntaxProblem } from "./run-trigger";
import type { SdkSeed } from "./sdk-seed";
import { childBundle } from "./child-bundle";
import { spawnSandboxChild, type BwrapMode } from "./spawn";

export interface SandboxCase {
  event: unknown;
  exportName?: string;
  sdkSeed?: SdkSeed;
}

export type ChildRequest =
  | { type: "run"; jobId: number; code: string; limits: Partial<SandboxLimits>; cases: SandboxCase[] }
  /** Starts a session (one submission): compiles the code in a fresh isolate, answers `opened`. */
  | { type: "open"; jobId: number; sessionId: number; code: string; limits: Partial<SandboxLimits> }
  /**
   * One case of a session: the child keeps the session's isolate between invokes (a fresh context
   * per case). `code` is sent only when this child has not seen the session (it answers
   * `unknown-session` otherwise).
   */
  | {
      type: "invoke";
      jobId: number;
      sessionId: number;
      code?: string;
      limits: Partial<SandboxLimits>;
      case: SandboxCase;
    }
  | { type: "close-session"; sessionId: number };
export type ChildReply =
  | { type: "ready" }
  | { type: "opened"; jobId: number; syntax: SyntaxProblem | null }
  | { type: "unknown-session"; jobId: number }
  | { type: "case-start"; jobId: number; index: number }
  | { type: "case"; jobId: number; index: number; result: HandlerRunResult }
  | { type: "wall-clock"; jobId: number; memoryLikely: boolean }
  | { type: "done"; jobId: number };

export interface SandboxProcessOptions {
  /** Heap of the child process itself (MB); isolates come on top (default 256). */
  maxOldSpaceMb?: number;
  /** Extra time on top of the per-case timeout before the parent kills an unresponsive child. */
  graceMs?: number;
  /** bubblewrap around the child (default: SANDBOX_BWRAP, else `auto`; see spawn.ts). */
  bwrap?: BwrapMode;
  /** The bwrap executable (default: found on PATH). */
  bwrapPath?: string;
  /** Where the "no bubblewrap" warning goes (default: stderr, once per process). */
  warn?: (message: string) => void;
}

/** A trigger session on one sandbox child (see `SandboxProcess.openSession`). */
export interface SandboxSession {
  /** The compile error of the code, or null (also null when the child died while compiling). */
  syntaxError(): SyntaxProblem | null;
  invoke(c: SandboxCase): Promise<HandlerRunResult>;
  close(): void;
}

/**
 * A long-lived child process that hosts isolated-vm (sandbox.md §1.5 rule 6): V8 cannot always
 * recover from an out-of-memory isolate, so a fatal OOM takes down only this child. The parent
 * then reports `memory` for the case that was running, starts a new child and carries on with the
 * remaining cases. A child that stops answering is killed and the case reported as `memory`.
 * The child runs under bubblewrap when available (spawn.ts). One submission at a time per child;
 * run several hosts for parallelism.
 */
export class SandboxProcess {
  private child: ChildProcess | null = null;
  private ready: Promise<void> | null = null;
  private jobId = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly opts: Required<Pick<SandboxProcessOptions, "maxOldSpaceMb" | "graceMs">> & SandboxProcessOptions;
  /** How many times the child had to be restarted (for monitoring and tests). */
  restarts = 0;
  /** How the current child is contained (null before the first start). */
  containment: "bwrap" | "none" | null = null;
  /** Whether the current child runs under the seccomp filter (./seccomp.ts). */
  seccomp = false;

  constructor(opts: SandboxProcessOptions = {}) {
    this.opts = { ...opts, maxOldSpaceMb: opts.maxOldSpaceMb ?? 256, graceMs: opts.graceMs ?? 2000 };
  }

  private spawn(): Promise<void> {
    const generation = this.generation;
    this.ready = (async () => {
      const { child, containment, seccomp } = await spawnSandboxChild(
        ["--no-node-snapshot", `--max-old-space-size=${this.opts.maxOldSpaceMb}`, await childBundle()],
        { mode: this.opts.bwrap, bwrapPath: this.opts.bwrapPath, warn: this.opts.warn },
      );
      if (generation !== this.generation) {
        child.kill("SIGKILL");
        throw new Error("the sandbox host was closed while its child was starting");
      }
      this.child = child;
      this.containment = containment;
      this.seccomp = seccomp;
      // A send to a child that just died emits 'error'; its 'exit' is what the callers act on.
      child.on("error", () => undefined);
      let stderrTail = "";
      child.stderr?.on("data", (d: Buffer) => {
        // V8's fatal-OOM report lands here; keep the end for start-up failures.
        stderrTail = (stderrTail + d.toString()).slice(-2000);
      });
      await new Promise<void>((resolve, reject) => {
        const onMsg = (m: ChildReply): void => {
          if (m.type === "ready") {
            child.off("message", onMsg);
            child.off("exit", onExit);
            resolve();
          }
        };
        const onExit = (code: number | null, signal: string | null): void =>
          reject(
            new Error(
              `sandbox child exited during start (${code ?? signal}, ${containment}): ${stderrTail.trim().slice(-500)}`,
            ),
          );
        child.on("message", onMsg);
        child.once("exit", onExit);
      });
    })();
    this.ready.catch(() => {
      this.child = null;
    });
    return this.ready;
  }

  private async ensure(): Promise<ChildProcess> {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) await this.spawn();
    else await this.ready;
    return this.child!;
  }

  /** Runs `code` on each case; resolves with one result per case, in order. Never rejects for student behaviour. */
  run(code: string, cases: SandboxCase[], limits: Partial<SandboxLimits> = {}): Promise<HandlerRunResult[]> {
    const job = this.queue.then(() => this.runNow(code, cases, limits));
    this.queue = job.catch(() => undefined);
    return job;
  }

  private async runNow(
    code: string,
    cases: SandboxCase[],
    limits: Partial<SandboxLimits>,
  ): Promise<HandlerRunResult[]> {
    const results: HandlerRunResult[] = [];
    const timeoutMs = limits.timeoutMs ?? DEFAULT_LIMITS.timeoutMs;
    while (results.length < cases.length) {
      const start = results.length;
      const child = await this.ensure();
      const jobId = ++this.jobId;
      let memoryLikely = false;
      const outcome = await new Promise<"done" | "crashed" | "hung">((resolve) => {
        let watchdog: NodeJS.Timeout | undefined;
        const arm = (): void => {
          clearTimeout(watchdog);
          watchdog = setTimeout(() => {
            cleanup();
            child.kill("SIGKILL");
            resolve("hung");
          }, timeoutMs + this.opts.graceMs);
        };
        const onMsg = (m: ChildReply): void => {
          if (!("jobId" in m) || m.jobId !== jobId) return;
          if (m.type === "case-start") {
            memoryLikely = false;
            arm();
          } else if (m.type === "wall-clock") memoryLikely = m.memoryLikely;
          else if (m.type === "case") results.push(m.result);
          else if (m.type === "done") {
            cleanup();
            resolve("done");
          }
        };
        const onExit = (): void => {
          cleanup();
          resolve("crashed");
        };
        const cleanup = (): void => {
          clearTimeout(watchdog);
          child.off("message", onMsg);
          child.off("exit", onExit);
        };
        child.on("message", onMsg);
        child.once("exit", onExit);
        arm();
        child.send({ type: "run", jobId, code, limits, cases: cases.slice(start) } satisfies ChildRequest);
      });
      if (outcome === "done") break;
      this.restarts++;
      this.child = null;
      if (results.length >= cases.length) break; // died after answering the last case
      // CPU loops are always ended inside the child (ivm timeout or its own wall clock), so a child
      // that stops answering has in practice stalled in V8's GC at the isolate's heap limit (measured
      // with the string-doubling bomb): report memory. A crash is V8's fatal OOM.
      const stalled = outcome === "hung";
      results.push({
        ok: false,
        error: {
          kind: "memory",
          message:
            outcome === "crashed" || memoryLikely || !stalled
              ? "the handler exhausted the sandbox's memory (the sandbox was restarted)"
              : `the handler exhausted the sandbox's memory: it stopped responding after ${timeoutMs} ms and was restarted`,
        },
        logs: [],
        sdkCalls: [],
        cpuMs: 0,
        wallMs: stalled ? timeoutMs + this.opts.graceMs : 0,
      });
    }
    return results;
  }

  /**
   * A session for one submission: the child compiles the code in a fresh isolate (the answer says
   * whether it compiles), then cases are run one at a time, each decided after the previous one
   * (the custom-auth flow needs that). The child keeps the submission's isolate between invokes (a
   * fresh context per case); if the child dies, the next invoke starts a new one transparently.
   */
  openSession(code: string, limits: Partial<SandboxLimits> = {}): Promise<SandboxSession> {
    const state: SessionState = { id: ++this.sessionSeq, code, limits, on: null };
    const opened = this.queue.then(() => this.openNow(state));
    this.queue = opened.catch(() => undefined);
    return opened.then((syntax) => ({
      syntaxError: () => syntax,
      invoke: (c) => {
        const job = this.queue.then(() => this.invokeNow(state, c));
        this.queue = job.catch(() => undefined);
        return job;
      },
      close: () => {
        if (this.child && this.child === state.on && this.child.connected)
          this.child.send({ type: "close-session", sessionId: state.id } satisfies ChildRequest);
      },
    }));
  }

  private sessionSeq = 0;

  /**
   * Sends one request and waits for the reply `accept` picks out. A child that exits meanwhile is
   * `crashed`; one that does not answer within the per-case timeout plus the grace is killed (`hung`).
   */
  private exchange<T>(
    child: ChildProcess,
    request: ChildRequest,
    timeoutMs: number,
    accept: (m: ChildReply) => T | undefined,
  ): Promise<Exchange<T>> {
    const jobId = "jobId" in request ? request.jobId : -1;
    let memoryLikely = false;
    return new Promise((resolve) => {
      const watchdog = setTimeout(() => {
        cleanup();
        child.kill("SIGKILL");
        resolve({ outcome: "hung", memoryLikely });
      }, timeoutMs + this.opts.graceMs);
      const onMsg = (m: ChildReply): void => {
        if (!("jobId" in m) || m.jobId !== jobId) return;
        if (m.type === "wall-clock") {
          memoryLikely = m.memoryLikely;
          return;
        }
        const value = accept(m);
        if (value === undefined) return;
        cleanup();
        resolve({ outcome: "done", value });
      };
      const onExit = (): void => {
        cleanup();
        resolve({ outcome: "crashed", memoryLikely });
      };
      const cleanup = (): void => {
        clearTimeout(watchdog);
        child.off("message", onMsg);
        child.off("exit", onExit);
      };
      child.on("message", onMsg);
      child.once("exit", onExit);
      child.send(request);
    });
  }

  /** The child died or was killed (or misbehaved: kill it): the next request starts a new one. */
  private lost(child: ChildProcess): void {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    this.restarts++;
    if (this.child === child) this.child = null;
  }

  private async openNow(state: SessionState): Promise<SyntaxProblem | null> {
    const child = await this.ensure();
    const timeoutMs = state.limits.timeoutMs ?? DEFAULT_LIMITS.timeoutMs;
    const r = await this.exchange(
      child,
      { type: "open", jobId: ++this.jobId, sessionId: state.id, code: state.code, limits: state.limits },
      timeoutMs,
      (m) => (m.type === "opened" ? { syntax: m.syntax } : undefined),
    );
    if (r.outcome === "done") {
      state.on = child;
      return r.value.syntax;
    }
    // Compiling killed the child: no verdict here; each invoke reports what happens to its case.
    this.lost(child);
    return null;
  }

  private async invokeNow(state: SessionState, c: SandboxCase): Promise<HandlerRunResult> {
    const timeoutMs = state.limits.timeoutMs ?? DEFAULT_LIMITS.timeoutMs;
    const child = await this.ensure();
    let r: Exchange<{ result?: HandlerRunResult; unknown?: true }> = { outcome: "hung", memoryLikely: false };
    for (let attempt = 0; attempt < 2; attempt++) {
      const withCode = state.on !== child || attempt > 0;
      r = await this.exchange(
        child,
        {
          type: "invoke",
          jobId: ++this.jobId,
          sessionId: state.id,
          code: withCode ? state.code : undefined,
          limits: state.limits,
          case: c,
        },
        timeoutMs,
        (m) =>
          m.type === "case" ? { result: m.result } : m.type === "unknown-session" ? { unknown: true } : undefined,
      );
      if (r.outcome !== "done" || !r.value.unknown) break; // the child switched to another session: resend with the code
    }
    if (r.outcome === "done") {
      if (r.value.result) {
        state.on = child;
        return r.value.result;
      }
      r = { outcome: "crashed", memoryLikely: false }; // cannot happen: answered unknown-session twice
    }
    this.lost(child);
    const hung = r.outcome === "hung";
    return {
      ok: false,
      error: {
        kind: "memory",
        message:
          hung && !r.memoryLikely
            ? `the handler exhausted the sandbox's memory: it stopped responding after ${timeoutMs} ms and was restarted`
            : "the handler exhausted the sandbox's memory (the sandbox was restarted)",
      },
      logs: [],
      sdkCalls: [],
      cpuMs: 0,
      wallMs: hung ? timeoutMs + this.opts.graceMs : 0,
    };
  }

  /** Stops the child. The host can be used again (a new child starts on demand). */
  close(): void {
    this.generation++;
    this.child?.kill("SIGKILL");
    this.child = null;
  }

  /** Bumped by close(): a child whose start was under way when the host closed is stopped at once. */
  private generation = 0;
}

interface SessionState {
  id: number;
  code: string;
  limits: Partial<SandboxLimits>;
  /** The child that has this session's isolate (null: the next invoke sends the code again). */
  on: ChildProcess | null;
}

type Exchange<T> = { outcome: "done"; value: T } | { outcome: "crashed" | "hung"; memoryLikely: boolean };

/**
 * Checked once when the worker starts, so a broken sandbox stops the worker with a clear message
 * instead of failing every trigger submission: isolated-vm carries our patch, the child's bundle
 * builds, and a child starts (under bubblewrap and seccomp when the mode and the machine allow).
 */
export async function sandboxPreflight(
  opts: Pick<SandboxProcessOptions, "bwrap" | "bwrapPath" | "warn"> = {},
): Promise<{ containment: "bwrap" | "none"; seccomp: boolean }> {
  await childBundle();
  const { child, containment, seccomp } = await spawnSandboxChild(["-e", "0"], {
    mode: opts.bwrap,
    bwrapPath: opts.bwrapPath,
    warn: opts.warn,
    stdio: "ignore",
  });
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  if (code !== 0) throw new Error(`the sandbox child could not start (exit ${code}, ${containment})`);
  return { containment, seccomp };
}
