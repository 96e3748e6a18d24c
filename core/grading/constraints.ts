// The optional constraints of a policy challenge, checked on the student's document.
import type { TDiagnostic, TPolicyDocument } from "../policy/types";
import type { TConstraintResult, TConstraints } from "./types";

/** Default constraints: only the slot's AWS size limit. */
export const DEFAULT_CONSTRAINTS: TConstraints = { sizeLimit: true, noWildcardAction: false, noNotAction: false };

/** Each failed constraint removes this share of the case score (see core/grading/README.md). */
export const CONSTRAINT_PENALTY = 0.25;

function statements(doc: TPolicyDocument): Array<Record<string, unknown>> {
  const s: unknown = doc.Statement;
  const list: unknown[] = Array.isArray(s) ? s : s ? [s] : [];
  return list.filter((x): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x));
}

function strings(v: unknown): string[] {
  if (typeof v === "string") return [v];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

/** `sizeDiagnostic`: the parser's `size-limit` error, if the policy is over the slot's limit. */
export function checkConstraints(
  doc: TPolicyDocument,
  constraints: TConstraints,
  sizeDiagnostic: TDiagnostic | undefined,
): TConstraintResult[] {
  const out: TConstraintResult[] = [];
  const sts = statements(doc);
  if (constraints.sizeLimit) {
    out.push({
      id: "size-limit",
      name: "fits the AWS size limit of this policy type",
      passed: !sizeDiagnostic,
      message: sizeDiagnostic ? sizeDiagnostic.message : "within the size limit",
    });
  }
  if (constraints.noWildcardAction) {
    const bad = sts.flatMap((s) => strings(s.Action)).filter((a) => a.includes("*"));
    out.push({
      id: "no-wildcard-action",
      name: "no `*` in Action",
      passed: bad.length === 0,
      message:
        bad.length === 0
          ? "every action is named exactly"
          : `wildcard actions are not allowed here: ${bad.map((a) => `\`${a}\``).join(", ")}`,
    });
  }
  if (constraints.noNotAction) {
    const n = sts.filter((s) => "NotAction" in s).length;
    out.push({
      id: "no-not-action",
      name: "no NotAction",
      passed: n === 0,
      message:
        n === 0 ? "no statement uses NotAction" : `${n} statement(s) use \`NotAction\`: list the actions instead`,
    });
  }
  if (constraints.maxStatements !== undefined) {
    const max = constraints.maxStatements;
    out.push({
      id: "max-statements",
      name: `at most ${max} statement(s)`,
      passed: sts.length <= max,
      message:
        sts.length <= max
          ? `${sts.length} statement(s)`
          : `the policy has ${sts.length} statements; the limit here is ${max}`,
    });
  }
  return out;
}

/** Case score reduced by CONSTRAINT_PENALTY per failed constraint (never below 0). */
export function applyConstraintPenalty(caseScore: number, results: TConstraintResult[]): number {
  const failed = results.filter((r) => !r.passed).length;
  return Math.max(0, caseScore * (1 - CONSTRAINT_PENALTY * failed));
}
