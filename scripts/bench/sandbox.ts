/**
 * Sandbox latency, `npm run bench:sandbox`. Prints what each figure measures:
 *
 * 1. grader path (the targets of issue #4 apply here): `SandboxPool.runTrigger()` as the worker uses
 *    it — open a session on a pooled sandbox child process (compile + syntax check), then invoke the
 *    cases one by one over IPC. cold = open + first case, warm = each further case. Run twice:
 *    - "back-to-back": the next submission is opened as soon as the previous one is disposed, so any
 *      pre-warming the child does between submissions is (at least partly) on the measured path;
 *    - "after a 20 ms gap": the worker's own database work between jobs gives the child time to
 *      pre-warm the next isolate; this is the latency a submission sees in production.
 * 2. in-process `TriggerRunner` (no child process, no IPC, no pre-warmed isolate): what the CLI and
 *    the unit tests use, and the cost of the isolate work alone.
 *
 * BENCH_ROUNDS (default 200) submissions per mode, each with 1 + 10 cases.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { buildEvent } from "../../core/index";
import { SandboxPool } from "../../worker/grader";
import { TriggerRunner } from "../../worker/sandbox/index";

const CODE = `
exports.handler = async (event) => {
  console.log("pre sign-up", event.request.userAttributes.email);
  if (event.request.userAttributes.email.endsWith("@student.example.edu")) {
    event.response.autoConfirmUser = true;
    event.response.autoVerifyEmail = true;
  }
  return event;
};`;

const event = buildEvent({ triggerSource: "PreSignUp_SignUp" });
const rounds = Number(process.env.BENCH_ROUNDS ?? 200);
const warmPerSubmission = 10;

function stats(samples: number[]): { median: number; p90: number; min: number; max: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { median: at(0.5), p90: at(0.9), min: s[0], max: s[s.length - 1] };
}

function line(name: string, xs: number[], target?: number): string {
  const s = stats(xs);
  const total = xs.reduce((a, b) => a + b, 0);
  const verdict = target === undefined ? "" : `  [target < ${target} ms: ${s.median < target ? "met" : "NOT met"}]`;
  return `  ${name.padEnd(44)} ${String(xs.length).padStart(5)} runs, ${(xs.length / (total / 1000)).toFixed(0).padStart(5)} runs/s, median ${s.median.toFixed(3)} ms, p90 ${s.p90.toFixed(3)} ms, min ${s.min.toFixed(3)} ms, max ${s.max.toFixed(3)} ms${verdict}`;
}

async function graderPath(gapMs: number): Promise<{ cold: number[]; warm: number[]; inChild: number[] }> {
  const pool = new SandboxPool(1);
  const runTrigger = pool.runTrigger();
  const exportFor = (): string => "handler";
  const cold: number[] = [];
  const warm: number[] = [];
  const inChild: number[] = [];
  try {
    for (let i = 0; i < rounds + 20; i++) {
      const counted = i >= 20; // the first 20 submissions start the child and warm the code paths
      if (gapMs > 0) await sleep(gapMs);
      const t0 = performance.now();
      const session = await runTrigger(CODE, { exportFor });
      if (session.syntaxError()) throw new Error("bench handler does not compile");
      const first = await session.invoke("PreSignUp_SignUp", event);
      const t1 = performance.now();
      if (!first.ok) throw new Error(`bench handler failed: ${first.error.message}`);
      if (counted) cold.push(t1 - t0);
      for (let j = 0; j < warmPerSubmission; j++) {
        const t2 = performance.now();
        const r = await session.invoke("PreSignUp_SignUp", event);
        if (counted) {
          warm.push(performance.now() - t2);
          inChild.push(r.wallMs);
        }
      }
      session.dispose();
    }
  } finally {
    pool.close();
  }
  return { cold, warm, inChild };
}

async function inProcess(): Promise<{ cold: number[]; warm: number[] }> {
  const cold: number[] = [];
  const warm: number[] = [];
  for (let i = 0; i < rounds + 20; i++) {
    const counted = i >= 20;
    const t0 = performance.now();
    const runner = new TriggerRunner({ code: CODE });
    const first = await runner.run(event);
    if (counted) cold.push(performance.now() - t0);
    if (!first.ok) throw new Error(`bench handler failed: ${first.error.message}`);
    for (let j = 0; j < warmPerSubmission; j++) {
      const t1 = performance.now();
      await runner.run(event);
      if (counted) warm.push(performance.now() - t1);
    }
    runner.dispose();
  }
  return { cold, warm };
}

async function main(): Promise<void> {
  console.log(
    `node ${process.version}, isolated-vm 5.0.4, memoryLimit 64 MB; ${rounds} submissions per mode, 1 + ${warmPerSubmission} cases each (20 more before, not counted)`,
  );
  const b2b = await graderPath(0);
  const gap = await graderPath(20);
  const local = await inProcess();
  console.log("grader path: SandboxPool.runTrigger(): open session in a sandbox child + cases over IPC");
  console.log(line("cold, back-to-back (open + first case)", b2b.cold, 3));
  console.log(line("cold, after a 20 ms gap (open + first case)", gap.cold, 3));
  console.log(line("warm (each further case, fresh context)", [...b2b.warm, ...gap.warm], 1));
  console.log(line("  of which inside the child (run() wallMs)", [...b2b.inChild, ...gap.inChild]));
  console.log("in process: TriggerRunner (no child, no IPC, no pre-warmed isolate)");
  console.log(line("cold (new isolate + first case)", local.cold));
  console.log(line("warm (each further case, fresh context)", local.warm));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
