import { grade, type TGradableSpec, type TGradeReport, type TRunTrigger } from "../core/index";
import { TriggerRunner } from "./sandbox/index";

/**
 * core/grading's `runTrigger` backed by the isolated-vm sandbox: one runner (a fresh isolate) per
 * submission, a fresh context per case; the grader disposes it when the cases are done.
 */
export const sandboxRunTrigger: TRunTrigger = (code, { timeLimitMs, exportFor }) => {
  const runner = new TriggerRunner({ code, ...(timeLimitMs ? { timeoutMs: timeLimitMs } : {}) });
  return {
    syntaxError: () => runner.syntaxError(),
    invoke: (triggerSource, event, sdkSeed) => runner.run(event, { exportName: exportFor(triggerSource), sdkSeed: sdkSeed as never }),
    dispose: () => runner.dispose(),
  };
};

/** Grades one answer against a stored ChallengeVersion spec, with the sandbox for trigger kinds. */
export function gradeWithSandbox(spec: unknown, answer: string): Promise<TGradeReport> {
  return grade(spec as TGradableSpec, answer, { runTrigger: sandboxRunTrigger });
}
