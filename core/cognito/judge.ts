import { runCustomAuthFlow, type CustomAuthFlowResult, type CustomAuthOutcome } from "./custom-auth";
import { buildEvent, type PartialTriggerEvent, type TriggerEvent } from "./events";
import { type TriggerFinding } from "./findings";
import { checkTriggerResponse, isAccepted, SECURITY_FINDING_CODES } from "./rules";
import type { HandlerRunResult, InvokeTrigger } from "./run-result";
import { applyTokenGeneration } from "./tokens";
import { cognitoErrorMessage } from "./trigger-sources";

/**
 * A value in an expectation: a literal (compared strictly; objects match deep-partially, arrays
 * exactly) or one operator object: `{ $contains: "x" }` (string or array contains), `{ $absent: true }`,
 * `{ $exists: true }`, `{ $matches: "regex" }`, `{ $oneOf: [...] }`.
 */
export type Matcher = unknown;

/** What a trigger test case expects. Every field is optional; unset means "not checked". */
export interface TriggerCaseExpectation {
  /**
   * `accepted`: the handler returned and Cognito accepts the output (no error finding).
   * `rejected`: the handler threw, so the Cognito call fails with "<Trigger> failed with error <msg>.".
   * Default: `rejected` when `errorContains` is set, else `accepted`.
   */
  outcome?: "accepted" | "rejected";
  /** For `rejected`: the message Cognito shows must contain each string (case-insensitive). */
  errorContains?: string | string[];
  /** Deep-partial match on the returned `event.response`, e.g. `{ autoConfirmUser: true }`. */
  response?: Record<string, Matcher>;
  /** Pre token generation: claims in the tokens Cognito would issue after applying the response. */
  tokens?: {
    idToken?: Record<string, Matcher>;
    accessToken?: Record<string, Matcher>;
    /** Exact `cognito:groups`; `null` = the claim is removed. */
    groups?: string[] | null;
    scopesInclude?: string[];
    scopesExclude?: string[];
  };
  /** Each entry must match recorded fake-SDK calls (`count` = exact number of matching calls, default at least 1). */
  sdkCalls?: Array<{ operation: string; input?: Record<string, Matcher>; count?: number }>;
  /** Operations that must not be called (`"*"` = no SDK call at all). */
  sdkCallsAbsent?: string[];
  /** Finding codes that must be present / absent. */
  findings?: { include?: string[]; exclude?: string[] };
  /** Each string must appear in some console line. */
  logsContain?: string[];
  /** Custom authentication flow (cases with `answers`). */
  customAuth?: { outcome: CustomAuthOutcome; answersUsed?: number };
}

/** A trigger case: the (partial) event, or for the custom-auth flow the answers, plus expectations. */
export interface TriggerCaseSpec {
  event: PartialTriggerEvent;
  /** Present: run the Define/Create/Verify flow with these answers instead of one invocation. */
  answers?: string[];
  withPassword?: boolean;
  passwordCorrect?: boolean;
  expect: TriggerCaseExpectation;
}

export type TriggerCaseRun =
  | { kind: "single"; requestEvent: TriggerEvent; result: HandlerRunResult }
  | { kind: "custom-auth"; flow: CustomAuthFlowResult };

export interface TriggerCheck {
  name: string;
  passed: boolean;
  message: string;
}

export interface TriggerCaseVerdict {
  passed: boolean;
  /** The code did not compile: the grader treats the submission as ungradable. */
  ungradable: boolean;
  checks: TriggerCheck[];
  findings: TriggerFinding[];
  /** What Cognito would do: accept the output, or fail the call with `errorMessage`. */
  cognito: { accepted: boolean; errorMessage?: string };
}

/** Runs one case: builds the event and invokes the handler once, or replays the custom-auth flow. */
export async function runTriggerCase(spec: TriggerCaseSpec, invoke: InvokeTrigger): Promise<TriggerCaseRun> {
  if (spec.answers) {
    const req = spec.event.request ?? {};
    const flow = await runCustomAuthFlow({
      answers: spec.answers,
      invoke,
      withPassword: spec.withPassword,
      passwordCorrect: spec.passwordCorrect,
      base: {
        userName: spec.event.userName,
        userAttributes: req.userAttributes as Record<string, unknown> | undefined,
        clientMetadata: req.clientMetadata as Record<string, unknown> | undefined,
      },
    });
    return { kind: "custom-auth", flow };
  }
  const requestEvent = buildEvent(spec.event);
  return { kind: "single", requestEvent, result: await invoke(requestEvent.triggerSource, requestEvent) };
}

function isOperator(v: unknown): v is Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  return keys.length === 1 && keys[0].startsWith("$");
}

function show(v: unknown): string {
  if (v === undefined) return "absent";
  const s = JSON.stringify(v);
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Returns mismatch messages (empty = match). */
export function matchValue(actual: unknown, expected: Matcher, path = ""): string[] {
  const at = path === "" ? "value" : `\`${path}\``;
  if (isOperator(expected)) {
    const [op, arg] = Object.entries(expected)[0];
    switch (op) {
      case "$absent":
        return (actual === undefined || actual === null) === (arg !== false)
          ? []
          : [`${at} should be ${arg !== false ? "absent" : "present"}, got ${show(actual)}`];
      case "$exists":
        return (actual !== undefined && actual !== null) === (arg !== false)
          ? []
          : [`${at} should ${arg !== false ? "be set" : "be absent"}, got ${show(actual)}`];
      case "$contains":
        if (typeof actual === "string" && typeof arg === "string" && actual.includes(arg)) return [];
        if (Array.isArray(actual) && actual.some((x) => deepEqual(x, arg))) return [];
        return [`${at} should contain ${show(arg)}, got ${show(actual)}`];
      case "$matches":
        return typeof actual === "string" && typeof arg === "string" && new RegExp(arg).test(actual)
          ? []
          : [`${at} should match /${String(arg)}/, got ${show(actual)}`];
      case "$oneOf":
        return Array.isArray(arg) && arg.some((x) => deepEqual(x, actual))
          ? []
          : [`${at} should be one of ${show(arg)}, got ${show(actual)}`];
      default:
        return [`unknown matcher \`${op}\` at ${at}`];
    }
  }
  if (typeof expected === "object" && expected !== null && !Array.isArray(expected)) {
    if (typeof actual !== "object" || actual === null || Array.isArray(actual))
      return [`${at} should be an object, got ${show(actual)}`];
    const out: string[] = [];
    for (const [k, v] of Object.entries(expected))
      out.push(...matchValue((actual as Record<string, unknown>)[k], v, path === "" ? k : `${path}.${k}`));
    return out;
  }
  return deepEqual(actual, expected) ? [] : [`${at} should be ${show(expected)}, got ${show(actual)}`];
}

function check(checks: TriggerCheck[], name: string, problems: string[], okMessage: string): void {
  checks.push({
    name,
    passed: problems.length === 0,
    message: problems.length === 0 ? okMessage : problems.join("; "),
  });
}

function dedupe(findings: TriggerFinding[]): TriggerFinding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const k = `${f.code}|${f.path ?? ""}|${f.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * Judges one case from its run, the way Cognito would see it. Pure: the grader runs the handler
 * (sandbox) and passes the result here. A submission that does not compile is `ungradable`.
 */
export function judgeTriggerCase(spec: TriggerCaseSpec, run: TriggerCaseRun): TriggerCaseVerdict {
  const exp = spec.expect;
  const checks: TriggerCheck[] = [];
  const firstError = run.kind === "single" ? (run.result.ok ? null : run.result.error) : null;
  if (
    firstError?.kind === "syntax" ||
    (run.kind === "custom-auth" && run.flow.transcript.some((s) => s.error?.kind === "syntax"))
  ) {
    const message =
      firstError?.message ??
      (run.kind === "custom-auth"
        ? run.flow.transcript.find((s) => s.error?.kind === "syntax")?.error?.message
        : undefined) ??
      "the code does not compile";
    return {
      passed: false,
      ungradable: true,
      checks: [{ name: "compiles", passed: false, message }],
      findings: [],
      cognito: { accepted: false },
    };
  }

  if (run.kind === "custom-auth") {
    const flow = run.flow;
    const findings = dedupe(flow.findings);
    if (exp.customAuth) {
      const problems: string[] = [];
      if (flow.outcome !== exp.customAuth.outcome)
        problems.push(
          `expected the flow to end with \`${exp.customAuth.outcome}\`, it ended with \`${flow.outcome}\` (${flow.message})`,
        );
      if (exp.customAuth.answersUsed !== undefined && flow.answersUsed !== exp.customAuth.answersUsed) {
        problems.push(`expected ${exp.customAuth.answersUsed} answers to be used, ${flow.answersUsed} were`);
      }
      check(checks, "custom-auth outcome", problems, `flow ended with \`${flow.outcome}\``);
    }
    judgeFindings(checks, exp, findings);
    judgeSdk(checks, exp, flow.sdkCalls);
    judgeLogs(
      checks,
      exp,
      flow.logs.map((l) => l.message),
    );
    return {
      passed: checks.every((c) => c.passed),
      ungradable: false,
      checks,
      findings,
      cognito: {
        accepted: flow.outcome === "tokens-issued",
        errorMessage: flow.outcome === "error" ? flow.message : undefined,
      },
    };
  }

  const { requestEvent, result } = run;
  const wanted = exp.outcome ?? (exp.errorContains !== undefined ? "rejected" : "accepted");
  let findings: TriggerFinding[] = [];
  let cognito: TriggerCaseVerdict["cognito"];
  if (result.ok) {
    findings = checkTriggerResponse(requestEvent, result.event);
    const accepted = isAccepted(findings);
    cognito = accepted
      ? { accepted }
      : {
          accepted,
          errorMessage: findings
            .filter((f) => f.severity === "error")
            .map((f) => f.message)
            .join("; "),
        };
  } else if (result.error.kind === "runtime") {
    cognito = { accepted: false, errorMessage: cognitoErrorMessage(requestEvent.triggerSource, result.error.message) };
  } else {
    cognito = { accepted: false, errorMessage: result.error.message };
  }

  if (wanted === "accepted") {
    const problems: string[] = [];
    if (!result.ok)
      problems.push(
        result.error.kind === "runtime"
          ? `the handler threw, so Cognito fails the call: ${cognito.errorMessage}`
          : `the handler did not finish (${result.error.kind}): ${result.error.message}`,
      );
    else if (!cognito.accepted) problems.push(`Cognito rejects this output: ${cognito.errorMessage}`);
    check(checks, "accepted", problems, "Cognito accepts the output");
  } else {
    const problems: string[] = [];
    if (result.ok)
      problems.push(
        cognito.accepted
          ? "expected the handler to throw (block this request), but it returned and Cognito accepts the output"
          : `expected the handler to throw, but it returned output Cognito rejects: ${cognito.errorMessage}`,
      );
    else if (result.error.kind !== "runtime")
      problems.push(
        `expected the handler to throw an error, but it did not finish (${result.error.kind}): ${result.error.message}`,
      );
    else {
      const wantedText =
        exp.errorContains === undefined
          ? []
          : Array.isArray(exp.errorContains)
            ? exp.errorContains
            : [exp.errorContains];
      for (const t of wantedText) {
        if (!cognito.errorMessage!.toLowerCase().includes(t.toLowerCase()))
          problems.push(`the error message \`${cognito.errorMessage}\` should contain \`${t}\``);
      }
    }
    check(checks, "rejected", problems, `Cognito fails the call: ${cognito.errorMessage ?? ""}`);
  }

  const returned = result.ok ? result.event : undefined;
  const response =
    typeof returned === "object" && returned !== null ? (returned as Record<string, unknown>).response : undefined;
  if (exp.response)
    check(
      checks,
      "response",
      result.ok ? matchValue(response, exp.response, "response") : ["no response: the handler did not return"],
      "response matches",
    );
  if (exp.tokens) {
    const problems: string[] = [];
    if (!result.ok) problems.push("no tokens: the handler did not return");
    else {
      const t = applyTokenGeneration(requestEvent, response);
      if (exp.tokens.idToken) problems.push(...matchValue(t.idToken, exp.tokens.idToken, "idToken"));
      if (exp.tokens.accessToken) problems.push(...matchValue(t.accessToken, exp.tokens.accessToken, "accessToken"));
      if (exp.tokens.groups !== undefined && !deepEqual(t.groups, exp.tokens.groups))
        problems.push(`\`cognito:groups\` should be ${show(exp.tokens.groups)}, got ${show(t.groups)}`);
      for (const s of exp.tokens.scopesInclude ?? [])
        if (!t.scopes.includes(s)) problems.push(`scope \`${s}\` should be in the access token`);
      for (const s of exp.tokens.scopesExclude ?? [])
        if (t.scopes.includes(s)) problems.push(`scope \`${s}\` should not be in the access token`);
    }
    check(checks, "tokens", problems, "token claims match");
  }
  judgeFindings(checks, exp, findings);
  judgeSdk(checks, exp, result.sdkCalls);
  judgeLogs(
    checks,
    exp,
    result.logs.map((l) => l.message),
  );
  return { passed: checks.every((c) => c.passed), ungradable: false, checks, findings, cognito };
}

function judgeFindings(checks: TriggerCheck[], exp: TriggerCaseExpectation, findings: TriggerFinding[]): void {
  const allowed = exp.findings?.include ?? [];
  const security = findings.filter((f) => SECURITY_FINDING_CODES.includes(f.code) && !allowed.includes(f.code));
  if (security.length > 0)
    check(
      checks,
      "security",
      security.map((f) => f.message),
      "",
    );
  if (!exp.findings) return;
  const codes = new Set(findings.map((f) => f.code));
  const problems: string[] = [];
  for (const c of exp.findings.include ?? []) if (!codes.has(c)) problems.push(`expected finding \`${c}\``);
  for (const c of exp.findings.exclude ?? [])
    if (codes.has(c)) problems.push(findings.find((f) => f.code === c)!.message);
  check(checks, "findings", problems, "findings as expected");
}

function judgeSdk(checks: TriggerCheck[], exp: TriggerCaseExpectation, calls: HandlerRunResult["sdkCalls"]): void {
  const problems: string[] = [];
  for (const want of exp.sdkCalls ?? []) {
    const same = calls.filter((c) => c.operation === want.operation);
    const matching = want.input ? same.filter((c) => matchValue(c.input, want.input).length === 0) : same;
    if (want.count !== undefined ? matching.length !== want.count : matching.length === 0) {
      const detail =
        same.length > 0 && want.input ? ` (closest: ${matchValue(same[0].input, want.input).join("; ")})` : "";
      problems.push(
        `expected ${want.count ?? "at least 1"} \`${want.operation}\` call(s)${want.input ? ` with ${show(want.input)}` : ""}, found ${matching.length}${detail}`,
      );
    }
  }
  for (const op of exp.sdkCallsAbsent ?? []) {
    const n = op === "*" ? calls.length : calls.filter((c) => c.operation === op).length;
    if (n > 0)
      problems.push(op === "*" ? `expected no SDK call, found ${n}` : `expected no \`${op}\` call, found ${n}`);
  }
  if (exp.sdkCalls || exp.sdkCallsAbsent) check(checks, "sdk calls", problems, "SDK calls as expected");
}

function judgeLogs(checks: TriggerCheck[], exp: TriggerCaseExpectation, lines: string[]): void {
  if (!exp.logsContain) return;
  const problems = exp.logsContain
    .filter((s) => !lines.some((l) => l.includes(s)))
    .map((s) => `expected a log line containing \`${s}\``);
  check(checks, "logs", problems, "logs as expected");
}
