/**
 * Entry point of the sandbox child process (see process-host.ts). Runs one submission at a time
 * and answers each case as soon as it finishes, so the parent knows which case killed the process.
 */
import { TriggerRunner } from "./run-trigger";
import type { ChildRequest, ChildReply } from "./process-host";

function send(msg: ChildReply): void {
  process.send?.(msg);
}

// The isolate of the current session (one submission); replaced when another session invokes.
let session: { id: number; runner: TriggerRunner; jobId: { current: number } } | null = null;

function closeSession(): void {
  session?.runner.dispose();
  session = null;
}

process.on("message", (raw: unknown) => {
  const msg = raw as ChildRequest;
  if (msg.type === "close-session") {
    if (session?.id === msg.sessionId) closeSession();
    return;
  }
  if (msg.type === "invoke") {
    void (async () => {
      if (session?.id !== msg.sessionId) {
        closeSession();
        const jobId = { current: msg.jobId };
        const runner = new TriggerRunner({
          ...msg.limits,
          code: msg.code,
          onWallClock: (info) => send({ type: "wall-clock", jobId: jobId.current, memoryLikely: info.memoryLikely }),
          onCatastrophicError: (message) => {
            process.stderr.write(`sandbox child: catastrophic error: ${message}\n`);
            process.exit(70);
          },
        });
        session = { id: msg.sessionId, runner, jobId };
      }
      session.jobId.current = msg.jobId;
      const result = await session.runner.run(msg.case.event, {
        exportName: msg.case.exportName,
        sdkSeed: msg.case.sdkSeed,
      });
      send({ type: "case", jobId: msg.jobId, index: 0, result });
    })();
    return;
  }
  if (msg.type !== "run") return;
  void (async () => {
    const runner = new TriggerRunner({
      ...msg.limits,
      code: msg.code,
      onWallClock: (info) => send({ type: "wall-clock", jobId: msg.jobId, memoryLikely: info.memoryLikely }),
      onCatastrophicError: (message) => {
        process.stderr.write(`sandbox child: catastrophic error: ${message}\n`);
        process.exit(70);
      },
    });
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
    }
  })();
});
send({ type: "ready" });
