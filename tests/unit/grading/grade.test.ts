import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  grade,
  gradePolicy,
  runVisibleCases,
  studentReport,
  type HandlerRunResult,
  type TGradableSpec,
  type TRunTrigger,
} from "../../../core/index";
import { loadChallenge, toStudentSpec } from "../../../server/challenges/load-challenge";
import type { TChallengeSpec } from "../../../server/challenges/schema";

const ROOT = join(import.meta.dirname, "..", "..", "..");
const FIXTURES = join(ROOT, "tests", "fixtures", "challenges", "valid");

function load(dir: string): { spec: TChallengeSpec; solution: string; mutants: Record<string, string> } {
  const item = loadChallenge(dir);
  expect(item.errors).toEqual([]);
  return {
    spec: item.spec!,
    solution: item.assets!.solution,
    mutants: Object.fromEntries(item.assets!.mutants.map((m) => [m.file, m.answer])),
  };
}

/** An in-process stand-in for the sandbox (the real one is exercised by `challenges:check`). */
const fakeRunTrigger: TRunTrigger = (code, { exportFor }) => {
  let syntax: { message: string } | null = null;
  let mod: Record<string, (e: unknown) => unknown> = {};
  try {
    const module = { exports: {} as Record<string, (e: unknown) => unknown> };
    new Function("exports", "module", "require", code)(module.exports, module, () => ({}));
    mod = module.exports;
  } catch (e) {
    syntax = { message: `SyntaxError: ${(e as Error).message}` };
  }
  const base = { logs: [], sdkCalls: [], cpuMs: 0, wallMs: 0 };
  return {
    syntaxError: () => syntax,
    invoke: async (src, event): Promise<HandlerRunResult> => {
      try {
        const out = await mod[exportFor(src)](JSON.parse(JSON.stringify(event)));
        return { ok: true, event: out ?? null, ...base };
      } catch (e) {
        return { ok: false, error: { kind: "runtime", message: (e as Error).message }, ...base };
      }
    },
    dispose: () => {},
  };
};

describe("grade: policy kinds", () => {
  const alpha = load(join(FIXTURES, "alpha-identity"));

  it("scores the solution 1 with every case passed, explain attached", async () => {
    const r = await grade(alpha.spec, alpha.solution);
    expect(r.gradable).toBe(true);
    expect(r.score).toBe(1);
    expect(r.points).toBe(50);
    expect(r.cases.map((c) => [c.id, c.passed])).toEqual([
      ["read-with-mfa", true],
      ["read-without-mfa", true],
      ["hidden-delete", true],
    ]);
    expect(r.cases[0].explain).toMatchObject({ decidingLayer: "identity" });
    expect(r.cases[0].actual).toEqual({ decision: "Allow" });
  });

  it("weights cases by points and attaches the misconception hint to failures", () => {
    const r = gradePolicy(alpha.spec, alpha.mutants["too-broad.json"]);
    // cases: 1 + 1 + 2 points; the hidden delete (2) fails
    expect(r.score).toBe(0.5);
    const failed = r.cases.find((c) => !c.passed)!;
    expect(failed.id).toBe("hidden-delete");
    expect(failed.misconception).toBe("too-broad");
    expect(failed.hint).toBe("Only reads were asked for.");
    expect(failed.actual).toEqual({ decision: "Allow" });
  });

  it("a policy that does not parse is ungradable, with positioned diagnostics and no cases", async () => {
    const r = await grade(alpha.spec, '{ "Version": "2012-10-17", "Statement": [ { "Effect": "Alow" ');
    expect(r.gradable).toBe(false);
    expect(r.score).toBe(0);
    expect(r.cases).toEqual([]);
    expect(r.diagnostics.some((d) => d.severity === "error")).toBe(true);
    const invalid = gradePolicy(
      alpha.spec,
      '{ "Version": "2012-10-17", "Statement": [ { "Effect": "Maybe", "Action": "s3:GetObject", "Resource": "*" } ] }',
    );
    expect(invalid.gradable).toBe(false);
  });

  it("failed constraints are items of their own and cost 25% each", () => {
    const wildcard =
      '{ "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "Action": "s3:Get*", "Resource": "arn:aws:s3:::acme-data/*", "Condition": { "Bool": { "aws:MultiFactorAuthPresent": "true" } } } ] }';
    const r = gradePolicy(alpha.spec, wildcard);
    expect(r.cases.every((c) => c.passed)).toBe(true);
    expect(r.constraints.find((c) => c.id === "no-wildcard-action")).toMatchObject({ passed: false });
    expect(r.score).toBe(0.75);
    const stmt =
      '{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::acme-data/*", "Condition": { "Bool": { "aws:MultiFactorAuthPresent": "true" } } }';
    const three = gradePolicy(alpha.spec, `{ "Version": "2012-10-17", "Statement": [ ${stmt}, ${stmt}, ${stmt} ] }`);
    expect(three.constraints.find((c) => c.id === "max-statements")).toMatchObject({ passed: false });
    expect(three.score).toBe(0.75);
  });

  it("an oversized policy is still graded and fails the size-limit constraint", () => {
    const spec: TGradableSpec = {
      ...alpha.spec,
      constraints: { ...alpha.spec.constraints, noWildcardAction: false, maxStatements: undefined },
    };
    const filler = Array.from({ length: 700 }, (_, i) => `"arn:aws:s3:::acme-data/unused-prefix-${i}/*"`).join(",");
    const big = `{ "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "Action": "s3:GetObject", "Resource": ["arn:aws:s3:::acme-data/*", ${filler}], "Condition": { "Bool": { "aws:MultiFactorAuthPresent": "true" } } } ] }`;
    const r = gradePolicy(spec, big);
    expect(r.gradable).toBe(true);
    expect(r.constraints.find((c) => c.id === "size-limit")).toMatchObject({ passed: false });
    expect(r.score).toBe(0.75);
    const off = gradePolicy({ ...spec, constraints: { ...spec.constraints, sizeLimit: false } }, big);
    expect(off.score).toBe(1);
  });

  it("builds the world per case: SCP levels, the management account exemption", () => {
    const beta = load(join(FIXTURES, "beta-scp"));
    const r = gradePolicy(beta.spec, beta.solution);
    expect(r.score).toBe(1);
    expect(r.cases.find((c) => c.id === "member-leave")!.explain).toMatchObject({ decidingLayer: "scp" });
    const starter = gradePolicy(beta.spec, beta.spec.starter);
    expect(starter.cases.find((c) => c.id === "member-leave")!.passed).toBe(false);
  });

  it("the s3-tls-only exemplar: cross-account session through its role, both ARNs needed", () => {
    const s3 = load(join(ROOT, "challenges", "s3-tls-only"));
    expect(gradePolicy(s3.spec, s3.solution).score).toBe(1);
    const objectsOnly = gradePolicy(s3.spec, s3.mutants["deny-objects-only.json"]);
    expect(objectsOnly.cases.filter((c) => !c.passed).map((c) => c.id)).toEqual(["alice-http-list"]);
    const analytics = gradePolicy(s3.spec, s3.solution).cases.find((c) => c.id === "analytics-https-get")!;
    expect(analytics.request).toMatchObject({
      principal: "arn:aws:sts::444455556666:assumed-role/analytics/nightly-etl",
      resourceAccount: "111122223333",
    });
  });

  it("runVisibleCases runs only visible cases, synchronously, also on the student view", () => {
    const r = runVisibleCases(alpha.spec, alpha.solution)!;
    expect(r.cases.map((c) => c.id)).toEqual(["read-with-mfa", "read-without-mfa"]);
    const student = toStudentSpec(alpha.spec, { isSolved: false });
    expect(runVisibleCases(student, alpha.solution)!.cases).toHaveLength(2);
    expect(runVisibleCases({ ...alpha.spec, kind: "cognito-trigger" }, "")).toBeNull();
  });

  it("is fast enough for the browser: 8 cases of the exemplar in a few ms", () => {
    const s3 = load(join(ROOT, "challenges", "s3-tls-only"));
    gradePolicy(s3.spec, s3.solution);
    const t = performance.now();
    for (let i = 0; i < 20; i++) gradePolicy(s3.spec, s3.solution);
    expect((performance.now() - t) / 20).toBeLessThan(20);
  });
});

describe("studentReport", () => {
  const alpha = load(join(FIXTURES, "alpha-identity"));

  it("keeps only passed/failed and the misconception hint of hidden cases", () => {
    const full = gradePolicy(alpha.spec, alpha.mutants["too-broad.json"]);
    expect(JSON.stringify(full)).toContain("HIDDEN-MARKER-7f1c");
    const view = studentReport(full);
    const text = JSON.stringify(view);
    expect(text).not.toContain("HIDDEN-MARKER-7f1c");
    expect(text).not.toContain("hidden-delete");
    expect(text).not.toContain("s3:DeleteObject");
    const hidden = view.cases.find((c) => c.visibility === "hidden")!;
    expect(hidden).toMatchObject({
      id: "hidden-1",
      passed: false,
      misconception: "too-broad",
      hint: "Only reads were asked for.",
      expected: null,
      actual: null,
      explain: null,
    });
    // visible cases are untouched
    expect(view.cases[0]).toEqual(full.cases[0]);
  });

  it("a passed hidden case carries no misconception", () => {
    const view = studentReport(gradePolicy(alpha.spec, alpha.solution));
    expect(view.cases.find((c) => c.visibility === "hidden")).toMatchObject({
      passed: true,
      misconception: undefined,
      hint: undefined,
    });
  });
});

describe("grade: trigger kinds", () => {
  const dir = join(ROOT, "challenges", "cognito-presignup-domain-allowlist");
  const ex = load(dir);

  it("scores the solution 1 and a mutant below 1, with checks as explain", async () => {
    const sol = await grade(ex.spec, ex.solution, { runTrigger: fakeRunTrigger });
    expect(sol.gradable).toBe(true);
    expect(sol.score).toBe(1);
    const mutant = await grade(ex.spec, readFileSync(join(dir, "mutants", "suffix-match.js"), "utf8"), {
      runTrigger: fakeRunTrigger,
    });
    const failed = mutant.cases.filter((c) => !c.passed);
    expect(failed.map((c) => c.id)).toEqual(["lookalike-suffix-refused"]);
    expect(failed[0].hint).toMatch(/endsWith/);
    expect(failed[0].explain).toEqual([expect.stringMatching(/^failed: rejected: expected the handler to throw/)]);
  });

  it("code that does not compile is ungradable", async () => {
    const r = await grade(ex.spec, "exports.handler = async (event) => { return event", { runTrigger: fakeRunTrigger });
    expect(r.gradable).toBe(false);
    expect(r.diagnostics[0]).toMatchObject({ code: "syntax-error", severity: "error" });
    expect(r.cases).toEqual([]);
  });

  it("custom-auth kinds call the three named exports", async () => {
    const seen: string[] = [];
    const spying: TRunTrigger = (code, opts) =>
      fakeRunTrigger(code, { ...opts, exportFor: (s) => (seen.push(opts.exportFor(s)), opts.exportFor(s)) });
    const code = `
      exports.defineAuthChallenge = async (e) => { const s = e.request.session; const last = s[s.length - 1];
        if (last && last.challengeResult) { e.response.issueTokens = true; e.response.failAuthentication = false; }
        else if (s.length >= 3) { e.response.issueTokens = false; e.response.failAuthentication = true; }
        else { e.response.issueTokens = false; e.response.failAuthentication = false; e.response.challengeName = "CUSTOM_CHALLENGE"; }
        return e; };
      exports.createAuthChallenge = async (e) => { e.response.publicChallengeParameters = { q: "2+2" }; e.response.privateChallengeParameters = { a: "4" }; e.response.challengeMetadata = "MATH"; return e; };
      exports.verifyAuthChallengeResponse = async (e) => { e.response.answerCorrect = e.request.challengeAnswer === e.request.privateChallengeParameters.a; return e; };`;
    const spec: TGradableSpec = {
      kind: "cognito-custom-auth",
      points: 10,
      constraints: { sizeLimit: true, noWildcardAction: false, noNotAction: false },
      misconceptions: {},
      cases: [
        {
          id: "right-second-time",
          title: "t",
          visibility: "visible",
          points: 1,
          event: { triggerSource: "DefineAuthChallenge_Authentication", userName: "ada" },
          answers: ["5", "4"],
          expect: { customAuth: { outcome: "tokens-issued", answersUsed: 2 } },
        },
        {
          id: "three-wrong",
          title: "t",
          visibility: "hidden",
          points: 1,
          event: { triggerSource: "DefineAuthChallenge_Authentication", userName: "ada" },
          answers: ["1", "2", "3"],
          expect: { customAuth: { outcome: "failed" } },
        },
      ],
    };
    const r = await grade(spec, code, { runTrigger: spying });
    expect(r.cases.map((c) => [c.id, c.passed])).toEqual([
      ["right-second-time", true],
      ["three-wrong", true],
    ]);
    expect(new Set(seen)).toEqual(
      new Set(["defineAuthChallenge", "createAuthChallenge", "verifyAuthChallengeResponse"]),
    );
  });

  it("refuses to grade trigger code without a sandbox", async () => {
    await expect(grade(ex.spec, ex.solution)).rejects.toThrow(/runTrigger/);
  });
});
