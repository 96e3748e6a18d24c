/**
 * Sandbox latency: cold = new isolate + first case (compile, context, run), warm = each further case
 * in the same isolate (fresh context per case). Run with `npm run bench:sandbox`.
 */
import { buildEvent } from "../../core/index";
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

function stats(samples: number[]): { median: number; p90: number; min: number; max: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { median: at(0.5), p90: at(0.9), min: s[0], max: s[s.length - 1] };
}

async function main(): Promise<void> {
  const event = buildEvent({ triggerSource: "PreSignUp_SignUp" });
  const rounds = Number(process.env.BENCH_ROUNDS ?? 200);
  const warmPerIsolate = 10;
  // Warm the host code paths once (not counted).
  for (let i = 0; i < 20; i++) {
    const r = new TriggerRunner({ code: CODE });
    await r.run(event);
    r.dispose();
  }
  const cold: number[] = [];
  const warm: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    const runner = new TriggerRunner({ code: CODE });
    const first = await runner.run(event);
    cold.push(performance.now() - t0);
    if (!first.ok) throw new Error(`bench handler failed: ${first.error.message}`);
    for (let j = 0; j < warmPerIsolate; j++) {
      const t1 = performance.now();
      await runner.run(event);
      warm.push(performance.now() - t1);
    }
    runner.dispose();
  }
  const fmt = (name: string, xs: number[]): string => {
    const s = stats(xs);
    const total = xs.reduce((a, b) => a + b, 0);
    return `${name}: ${xs.length} runs, ${(xs.length / (total / 1000)).toFixed(0)} runs/s, median ${s.median.toFixed(3)} ms, p90 ${s.p90.toFixed(3)} ms, min ${s.min.toFixed(3)} ms, max ${s.max.toFixed(3)} ms`;
  };
  console.log(`node ${process.version}, isolated-vm 5.0.4, memoryLimit 64 MB`);
  console.log(fmt("cold (new isolate + first case)", cold));
  console.log(fmt("warm (each further case, fresh context)", warm));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
