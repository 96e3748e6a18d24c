import { grade, type TGradableSpec, type TGradeReport, type TRunTrigger } from "../core/index";
import { SandboxProcess, type SandboxProcessOptions } from "./sandbox/index";

/**
 * A pool of sandbox child processes, one per concurrent grading job. Student code runs in
 * isolated-vm inside a child (never in the worker itself), so a V8 fatal error in an isolate ends
 * only that child; the host starts a new one and the worker keeps grading.
 */
export class SandboxPool {
  private readonly free: SandboxProcess[] = [];
  private readonly waiting: ((h: SandboxProcess) => void)[] = [];
  private readonly all: SandboxProcess[] = [];

  constructor(size: number, options: SandboxProcessOptions = {}) {
    for (let i = 0; i < size; i++) {
      const h = new SandboxProcess(options);
      this.all.push(h);
      this.free.push(h);
    }
  }

  async acquire(): Promise<SandboxProcess> {
    const h = this.free.pop();
    if (h) return h;
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  release(h: SandboxProcess): void {
    const next = this.waiting.shift();
    if (next) next(h);
    else this.free.push(h);
  }

  /** Restarts of sandbox children so far (crashes and memory kills). */
  get restarts(): number {
    return this.all.reduce((n, h) => n + h.restarts, 0);
  }

  close(): void {
    for (const h of this.all) h.close();
  }

  /** core/grading's `runTrigger`, backed by a child from this pool for the duration of one submission. */
  runTrigger(): TRunTrigger {
    return async (code, { timeLimitMs, exportFor }) => {
      const host = await this.acquire();
      const limits = timeLimitMs ? { timeoutMs: timeLimitMs } : {};
      let session;
      try {
        // The child compiles the code in the submission's isolate and says whether it compiles.
        session = await host.openSession(code, limits);
      } catch (e) {
        this.release(host); // the child could not start (e.g. SANDBOX_BWRAP=required without bwrap)
        throw e;
      }
      const syntax = session.syntaxError();
      let released = false;
      return {
        syntaxError: () => (syntax ? { message: syntax.message, line: syntax.line, column: syntax.column } : null),
        invoke: (triggerSource, event, sdkSeed) =>
          session.invoke({ event, exportName: exportFor(triggerSource), sdkSeed: sdkSeed as never }),
        dispose: () => {
          if (released) return;
          released = true;
          session.close();
          this.release(host);
        },
      };
    };
  }
}

/** A grader for stored ChallengeVersion specs: core/grading, with trigger code in the pool's sandboxes. */
export function createGrader(pool: SandboxPool) {
  const runTrigger = pool.runTrigger();
  return (spec: unknown, answer: string): Promise<TGradeReport> => grade(spec as TGradableSpec, answer, { runTrigger });
}
