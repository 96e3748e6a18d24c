// The one definition of "correct": grade a submission against a challenge's cases.
import { parsePolicy, compile, evaluate } from "../policy/index";
import type { TDecision, TDiagnostic, TParsedPolicy } from "../policy/types";
import { judgeTriggerCase, runTriggerCase, type TriggerCaseSpec } from "../cognito/judge";
import { isTriggerSource, triggerNameOf } from "../cognito/trigger-sources";
import { applyConstraintPenalty, checkConstraints } from "./constraints";
import type {
  TCaseResult,
  TConstraintResult,
  TExpectedDecision,
  TGradableSpec,
  TGradeDiagnostic,
  TGradeReport,
  TPolicyCase,
  TRunTrigger,
  TTriggerCase,
} from "./types";
import { POLICY_KIND_OF, buildCaseInput, isPolicyChallengeKind } from "./world";

const now = (): number => (typeof performance !== "undefined" ? performance.now() : Date.now());
const round = (n: number, d = 4): number => Math.round(n * 10 ** d) / 10 ** d;

/** Whether a decision meets an expectation (`Deny` accepts either deny). */
export function decisionMatches(expected: TExpectedDecision, actual: TDecision): boolean {
  if (expected === "Deny") return actual !== "Allow";
  return expected === actual;
}

function finish(
  spec: TGradableSpec,
  parts: {
    gradable: boolean;
    diagnostics: TGradeDiagnostic[];
    constraints: TConstraintResult[];
    cases: TCaseResult[];
    t0: number;
    parseMs: number;
    casesMs: number;
  },
): TGradeReport {
  const total = parts.cases.reduce((s, c) => s + c.points, 0);
  const earned = parts.cases.reduce((s, c) => s + c.earned, 0);
  const caseScore =
    !parts.gradable || parts.cases.length === 0
      ? 0
      : total === 0
        ? parts.cases.every((c) => c.passed)
          ? 1
          : 0
        : earned / total;
  const score = parts.gradable ? round(applyConstraintPenalty(caseScore, parts.constraints)) : 0;
  return {
    gradable: parts.gradable,
    diagnostics: parts.diagnostics,
    score,
    points: Math.round(score * spec.points * 100) / 100,
    maxPoints: spec.points,
    constraints: parts.constraints,
    cases: parts.cases,
    timings: {
      totalMs: round(now() - parts.t0, 2),
      parseMs: round(parts.parseMs, 2),
      casesMs: round(parts.casesMs, 2),
    },
  };
}

function isPolicyCase(c: TGradableSpec["cases"][number]): c is TPolicyCase {
  return "request" in c;
}

/** Grades a policy answer synchronously (no sandbox). `cases` defaults to all of the spec's cases. */
export function gradePolicy(
  spec: TGradableSpec,
  answer: string,
  options: { cases?: TPolicyCase[] } = {},
): TGradeReport {
  const t0 = now();
  if (!isPolicyChallengeKind(spec.kind) || !spec.policy)
    throw new Error(`gradePolicy: \`${spec.kind}\` is not a policy challenge`);
  const kind = POLICY_KIND_OF[spec.kind];
  const parsed = parsePolicy(answer, { kind });
  let diagnostics: TDiagnostic[] = parsed.diagnostics;
  let policy: TParsedPolicy | undefined = parsed.policy;
  const sizeError = diagnostics.find((d) => d.code === "size-limit" && d.severity === "error");
  if (!policy && sizeError && diagnostics.filter((d) => d.severity === "error").length === 1) {
    // Only the size is wrong: grade it anyway; the size-limit constraint reports it.
    try {
      policy = { kind, document: JSON.parse(answer), ranges: {} };
      diagnostics = diagnostics.map((d) => (d === sizeError ? { ...d, severity: "warning" as const } : d));
    } catch {
      policy = undefined;
    }
  }
  const parseMs = now() - t0;
  if (!policy)
    return finish(spec, { gradable: false, diagnostics, constraints: [], cases: [], t0, parseMs, casesMs: 0 });

  const constraints = checkConstraints(policy.document, spec.constraints, sizeError);
  const compiled = compile(policy);
  const student = { compiled, document: policy.document };
  const t1 = now();
  const cases: TCaseResult[] = [];
  for (const c of options.cases ?? spec.cases.filter(isPolicyCase)) {
    const { request, policies } = buildCaseInput(spec.kind, spec.policy.world, spec.policy.slot, c, student);
    const ev = evaluate({ request, policies }, { explain: true });
    const passed = decisionMatches(c.expect, ev.decision);
    cases.push({
      id: c.id,
      name: c.title,
      visibility: c.visibility,
      passed,
      points: c.points,
      earned: passed ? c.points : 0,
      misconception: c.misconception,
      hint: !passed && c.misconception ? spec.misconceptions[c.misconception] : undefined,
      expected: c.expect,
      actual: { decision: ev.decision },
      explain: ev.explain ?? null,
      request,
    });
  }
  return finish(spec, { gradable: true, diagnostics, constraints, cases, t0, parseMs, casesMs: now() - t1 });
}

const CUSTOM_AUTH_EXPORTS: Record<string, string> = {
  DefineAuthChallenge: "defineAuthChallenge",
  CreateAuthChallenge: "createAuthChallenge",
  VerifyAuthChallengeResponse: "verifyAuthChallengeResponse",
};

/** The export a trigger source calls: `handler`, or one of the three custom-auth exports. */
export function exportForTrigger(kind: TGradableSpec["kind"], triggerSource: string): string {
  if (kind !== "cognito-custom-auth") return "handler";
  if (!isTriggerSource(triggerSource)) return "handler";
  return CUSTOM_AUTH_EXPORTS[triggerNameOf(triggerSource)] ?? "handler";
}

function caseSpecOf(c: TTriggerCase): TriggerCaseSpec {
  return {
    event: c.event,
    answers: c.answers,
    withPassword: c.withPassword,
    passwordCorrect: c.passwordCorrect,
    expect: c.expect,
  };
}

/** Grades trigger code with the injected sandbox; a compile error makes it ungradable. */
export async function gradeTrigger(
  spec: TGradableSpec,
  answer: string,
  runTrigger: TRunTrigger,
  options: { cases?: TTriggerCase[] } = {},
): Promise<TGradeReport> {
  const t0 = now();
  const session = await runTrigger(answer, {
    timeLimitMs: spec.trigger?.timeLimitMs,
    exportFor: (src) => exportForTrigger(spec.kind, src),
  });
  try {
    const syntax = session.syntaxError();
    const parseMs = now() - t0;
    const ungradable = (message: string, line?: number, column?: number) =>
      finish(spec, {
        gradable: false,
        diagnostics: [{ code: "syntax-error", severity: "error", message, line, column }],
        constraints: [],
        cases: [],
        t0,
        parseMs,
        casesMs: 0,
      });
    if (syntax) return ungradable(syntax.message, syntax.line, syntax.column);
    const t1 = now();
    const cases: TCaseResult[] = [];
    for (const c of options.cases ?? spec.cases.filter((x): x is TTriggerCase => !isPolicyCase(x))) {
      const seed = c.sdkSeed ?? spec.trigger?.sdkSeed;
      const run = await runTriggerCase(caseSpecOf(c), (src, ev) => session.invoke(src, ev, seed));
      const verdict = judgeTriggerCase(caseSpecOf(c), run);
      if (verdict.ungradable) return ungradable(verdict.checks[0]?.message ?? "the code does not compile");
      const single = run.kind === "single" ? run.result : undefined;
      const returned = single?.ok ? single.event : undefined;
      cases.push({
        id: c.id,
        name: c.title,
        visibility: c.visibility,
        passed: verdict.passed,
        points: c.points,
        earned: verdict.passed ? c.points : 0,
        misconception: c.misconception,
        hint: !verdict.passed && c.misconception ? spec.misconceptions[c.misconception] : undefined,
        expected: c.expect,
        actual: {
          cognito: verdict.cognito,
          checks: verdict.checks,
          findings: verdict.findings,
          response:
            typeof returned === "object" && returned !== null
              ? (returned as Record<string, unknown>).response
              : undefined,
          flowOutcome: run.kind === "custom-auth" ? run.flow.outcome : undefined,
          logs: (run.kind === "single" ? run.result.logs : run.flow.logs)
            .slice(0, 50)
            .map((l) => l.message.slice(0, 500)),
          error: single && !single.ok ? single.error : undefined,
        },
        explain: verdict.checks.map((k) => `${k.passed ? "ok" : "failed"}: ${k.name}: ${k.message}`),
      });
    }
    return finish(spec, { gradable: true, diagnostics: [], constraints: [], cases, t0, parseMs, casesMs: now() - t1 });
  } finally {
    session.dispose();
  }
}

/**
 * Grades a submission against every case of the spec. Policy kinds run in-process; trigger kinds
 * need `runTrigger` (the worker's sandbox), which keeps core pure.
 */
export async function grade(
  spec: TGradableSpec,
  answer: string,
  options: { runTrigger?: TRunTrigger } = {},
): Promise<TGradeReport> {
  if (isPolicyChallengeKind(spec.kind)) return gradePolicy(spec, answer);
  if (!options.runTrigger) throw new Error("grade: trigger challenges need a `runTrigger` sandbox");
  return gradeTrigger(spec, answer, options.runTrigger);
}

/**
 * Runs only the visible cases of a policy challenge, synchronously (for the browser). Accepts the
 * full spec or the student view. Returns null for trigger kinds: their code runs only in the worker.
 */
export function runVisibleCases(spec: TGradableSpec, answer: string): TGradeReport | null {
  if (!isPolicyChallengeKind(spec.kind)) return null;
  return gradePolicy(spec, answer, {
    cases: spec.cases.filter((c): c is TPolicyCase => isPolicyCase(c) && c.visibility === "visible"),
  });
}

/**
 * The report a student may see: hidden cases keep only passed/failed, their points and, when
 * failed, the misconception hint. Everything else about them (id, title, request, expectation,
 * actual result, explain) is dropped.
 */
export function studentReport(report: TGradeReport): TGradeReport {
  let n = 0;
  const cases = report.cases.map((c): TCaseResult => {
    if (c.visibility !== "hidden") return c;
    n += 1;
    return {
      id: `hidden-${n}`,
      name: `Hidden test ${n}`,
      visibility: "hidden",
      passed: c.passed,
      points: c.points,
      earned: c.earned,
      misconception: c.passed ? undefined : c.misconception,
      hint: c.passed ? undefined : c.hint,
      expected: null,
      actual: null,
      explain: null,
    };
  });
  return { ...report, cases };
}
