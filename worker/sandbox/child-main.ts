/**
 * Entry point of the sandbox child process (see process-host.ts). Runs one submission at a time
 * and answers each case as soon as it finishes, so the parent knows which case killed the process.
 *
 * Between submissions it prepares the next isolate (runtime compiled, first case's context made,
 * warmed up when idle; no student code), so a submission does not wait for it. Every submission
 * still gets an isolate no student code ran in, and every case a context of its own.
 *
 * Later cases make their context when they start (0.35 ms): making it right after the previous
 * case's answer, while the parent judges, measured no faster per case (0.86 vs 0.87-0.92 ms median
 * round trip; the parent's turn-around is shorter than a context) and cost every submission one
 * unused context after its last case.
 */
import { disposePrepared, prepareIsolate, TriggerRunner, warmUpPrepared, type PreparedIsolate } from "./run-trigger";
import type { ChildRequest, ChildReply } from "./process-host";
import type { SandboxLimits } from "./run-trigger";

function send(msg: ChildReply): void {
  process.send?.(msg);
}

function onCatastrophicError(message: string): void {
  process.stderr.write(`sandbox child: catastrophic error: ${message}\n`);
  process.exit(70);
}

// The isolate for the next submission, made between submissions. Its warm-up (a run of our own
// fixed handler in a throwaway context) waits until the child has been idle for WARM_UP_AFTER_MS,
// so back-to-back submissions never wait for it.
let next: PreparedIsolate | null = null;
let warmUpTimer: NodeJS.Timeout | null = null;
const WARM_UP_AFTER_MS = 5;

function prewarm(): void {
  if (!next || next.isolate.isDisposed) {
    try {
      next = prepareIsolate({ onCatastrophicError });
    } catch (e) {
      next = null; // made on demand instead
      process.stderr.write(`sandbox child: could not prepare an isolate: ${(e as Error).message}\n`);
      return;
    }
  }
  const p = next;
  if (warmUpTimer) clearTimeout(warmUpTimer);
  warmUpTimer = setTimeout(() => {
    warmUpTimer = null;
    if (next !== p) return; // already taken
    warmUpPrepared(p).catch((e: unknown) => {
      if (!p.isolate.isDisposed) process.stderr.write(`sandbox child: warm-up failed: ${(e as Error).message}\n`);
    });
  }, WARM_UP_AFTER_MS);
}

function takePrepared(): PreparedIsolate | undefined {
  if (warmUpTimer) clearTimeout(warmUpTimer);
  warmUpTimer = null;
  const p = next;
  next = null;
  return p && !p.isolate.isDisposed ? p : undefined;
}

function newRunner(code: string, limits: Partial<SandboxLimits>, jobId: { current: number }): TriggerRunner {
  return new TriggerRunner({
    ...limits,
    code,
    prepared: takePrepared(),
    onWallClock: (info) => send({ type: "wall-clock", jobId: jobId.current, memoryLikely: info.memoryLikely }),
    onCatastrophicError,
  });
}

// The isolate of the current session (one submission); replaced when another session opens.
let session: { id: number; runner: TriggerRunner; jobId: { current: number } } | null = null;

function closeSession(): void {
  const runner = session?.runner;
  session = null;
  // Freeing an isolate takes ~0.15 ms: after the requests already read (a next submission's
  // `open` that came with this `close-session` is answered first).
  if (runner) setImmediate(() => runner.dispose());
}

function openSession(sessionId: number, code: string, limits: Partial<SandboxLimits>, jobId: number): TriggerRunner {
  closeSession();
  const ref = { current: jobId };
  const runner = newRunner(code, limits, ref);
  session = { id: sessionId, runner, jobId: ref };
  return runner;
}

process.on("message", (raw: unknown) => {
  const msg = raw as ChildRequest;
  if (msg.type === "close-session") {
    if (session?.id === msg.sessionId) {
      closeSession();
      prewarm();
    }
    return;
  }
  if (msg.type === "open") {
    const runner = openSession(msg.sessionId, msg.code, msg.limits, msg.jobId);
    send({ type: "opened", jobId: msg.jobId, syntax: runner.syntaxError() });
    return;
  }
  if (msg.type === "invoke") {
    if (session?.id !== msg.sessionId) {
      if (msg.code === undefined) {
        send({ type: "unknown-session", jobId: msg.jobId });
        return;
      }
      openSession(msg.sessionId, msg.code, msg.limits, msg.jobId);
    }
    const current = session!;
    current.jobId.current = msg.jobId;
    void (async () => {
      const result = await current.runner.run(msg.case.event, {
        exportName: msg.case.exportName,
        sdkSeed: msg.case.sdkSeed,
      });
      send({ type: "case", jobId: msg.jobId, index: 0, result });
    })();
    return;
  }
  if (msg.type !== "run") return;
  void (async () => {
    const runner = newRunner(msg.code, msg.limits, { current: msg.jobId });
    try {
      for (let i = 0; i < msg.cases.length; i++) {
        const c = msg.cases[i];
        send({ type: "case-start", jobId: msg.jobId, index: i });
        const result = await runner.run(c.event, { exportName: c.exportName, sdkSeed: c.sdkSeed });
        send({ type: "case", jobId: msg.jobId, index: i, result });
      }
    } finally {
      runner.dispose();
      send({ type: "done", jobId: msg.jobId });
      prewarm();
    }
  })();
});

process.on("exit", () => {
  if (next) disposePrepared(next);
});
// The parent is gone (killed without closing us): nothing left to answer.
process.on("disconnect", () => process.exit(0));

send({ type: "ready" });
prewarm();
