import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { HandlerRunResult } from "../../core/index";
import { DEFAULT_LIMITS, type SandboxLimits } from "./run-trigger";
import type { SdkSeed } from "./sdk-seed";

export interface SandboxCase {
  event: unknown;
  exportName?: string;
  sdkSeed?: SdkSeed;
}

export type ChildRequest =
  | { type: "run"; jobId: number; code: string; limits: Partial<SandboxLimits>; cases: SandboxCase[] }
  /** One case of a session: the child keeps the session's isolate warm between invokes. */
  | {
      type: "invoke";
      jobId: number;
      sessionId: number;
      code: string;
      limits: Partial<SandboxLimits>;
      case: SandboxCase;
    }
  | { type: "close-session"; sessionId: number };
export type ChildReply =
  | { type: "ready" }
  | { type: "case-start"; jobId: number; index: number }
  | { type: "case"; jobId: number; index: number; result: HandlerRunResult }
  | { type: "wall-clock"; jobId: number; memoryLikely: boolean }
  | { type: "done"; jobId: number };

export interface SandboxProcessOptions {
  /** Heap of the child process itself (MB); isolates come on top (default 256). */
  maxOldSpaceMb?: number;
  /** Extra time on top of the per-case timeout before the parent kills an unresponsive child. */
  graceMs?: number;
}

const CHILD = fileURLToPath(new URL("./child-main.ts", import.meta.url));

/**
 * A long-lived child process that hosts isolated-vm (sandbox.md §1.5 rule 6): V8 cannot always
 * recover from an out-of-memory isolate, so a fatal OOM takes down only this child. The parent
 * then reports `memory` for the case that was running, starts a new child and carries on with the
 * remaining cases. A child that stops answering is killed and the case reported as `timeout`.
 * One submission at a time per child; run several hosts for parallelism.
 */
export class SandboxProcess {
  private child: ChildProcess | null = null;
  private ready: Promise<void> | null = null;
  private jobId = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly opts: Required<SandboxProcessOptions>;
  /** How many times the child had to be restarted (for monitoring and tests). */
  restarts = 0;

  constructor(opts: SandboxProcessOptions = {}) {
    this.opts = { maxOldSpaceMb: opts.maxOldSpaceMb ?? 256, graceMs: opts.graceMs ?? 2000 };
  }

  private spawn(): Promise<void> {
    const child = fork(CHILD, [], {
      execArgv: ["--no-node-snapshot", `--max-old-space-size=${this.opts.maxOldSpaceMb}`, "--import", "tsx"],
      // Student code never sees the environment, but the child does not need the parent's either.
      env: { PATH: process.env.PATH ?? "", NODE_OPTIONS: "" } as unknown as NodeJS.ProcessEnv,
      stdio: ["ignore", "ignore", "pipe", "ipc"],
      serialization: "json",
    });
    child.stderr?.on("data", () => {
      /* drained; V8's fatal-OOM report lands here */
    });
    this.child = child;
    this.ready = new Promise<void>((resolve, reject) => {
      const onMsg = (m: ChildReply): void => {
        if (m.type === "ready") {
          child.off("message", onMsg);
          resolve();
        }
      };
      child.on("message", onMsg);
      child.once("exit", (code) => reject(new Error(`sandbox child exited during start (code ${code})`)));
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
   * A session for one submission: cases are run one at a time, each decided after the previous one
   * (the custom-auth flow needs that). The child keeps the submission's isolate between invokes
   * (a fresh context per case); if the child dies, the next invoke starts a new one transparently.
   */
  openSession(
    code: string,
    limits: Partial<SandboxLimits> = {},
  ): { invoke(c: SandboxCase): Promise<HandlerRunResult>; close(): void } {
    const sessionId = ++this.sessionSeq;
    return {
      invoke: (c) => {
        const job = this.queue.then(() => this.invokeNow(sessionId, code, limits, c));
        this.queue = job.catch(() => undefined);
        return job;
      },
      close: () => {
        if (this.child && this.child.connected)
          this.child.send({ type: "close-session", sessionId } satisfies ChildRequest);
      },
    };
  }

  private sessionSeq = 0;

  private async invokeNow(
    sessionId: number,
    code: string,
    limits: Partial<SandboxLimits>,
    c: SandboxCase,
  ): Promise<HandlerRunResult> {
    const timeoutMs = limits.timeoutMs ?? DEFAULT_LIMITS.timeoutMs;
    const child = await this.ensure();
    const jobId = ++this.jobId;
    let memoryLikely = false;
    let result: HandlerRunResult | undefined;
    const outcome = await new Promise<"done" | "crashed" | "hung">((resolve) => {
      const watchdog = setTimeout(() => {
        cleanup();
        child.kill("SIGKILL");
        resolve("hung");
      }, timeoutMs + this.opts.graceMs);
      const onMsg = (m: ChildReply): void => {
        if (!("jobId" in m) || m.jobId !== jobId) return;
        if (m.type === "wall-clock") memoryLikely = m.memoryLikely;
        else if (m.type === "case") {
          result = m.result;
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
      child.send({ type: "invoke", jobId, sessionId, code, limits, case: c } satisfies ChildRequest);
    });
    if (outcome === "done" && result) return result;
    this.restarts++;
    this.child = null;
    return {
      ok: false,
      error: {
        kind: "memory",
        message:
          outcome === "hung" && !memoryLikely
            ? `the handler exhausted the sandbox's memory: it stopped responding after ${timeoutMs} ms and was restarted`
            : "the handler exhausted the sandbox's memory (the sandbox was restarted)",
      },
      logs: [],
      sdkCalls: [],
      cpuMs: 0,
      wallMs: outcome === "hung" ? timeoutMs + this.opts.graceMs : 0,
    };
  }

  /** Stops the child. The host can be used again (a new child starts on demand). */
  close(): void {
    this.child?.kill("SIGKILL");
    this.child = null;
  }
}
