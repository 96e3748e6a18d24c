/**
 * The policy core: parse, validate, compile, evaluate and explain AWS policies.
 * Pure TypeScript (no npm, no node:*): the browser, the worker and the tests share it.
 * Stages: json-parser -> validate/warnings -> compile -> evaluate -> summary. See README.md.
 */
import { compilePolicyInternal } from "./compile";
import { evaluateRequest as evaluateRequestImported } from "./evaluate";
import { parsePolicyText, validateValue } from "./parse-policy";
import type {
  TCompiledPolicy,
  TDiagnostic,
  TEvaluation,
  TParsedPolicy,
  TPolicyDocument,
  TPolicyKind,
  TPolicySet,
  TRequest,
} from "./types";

// module-local alias: tsx's CommonJS interop makes each call of an imported function costly
const evaluateRequest = evaluateRequestImported;

export type {
  TPolicyKind,
  TSeverity,
  TPosition,
  TRange,
  TDiagnostic,
  TJsonValue,
  TPolicyDocument,
  TParsedPolicy,
  TContextValue,
  TRequest,
  TAnyPolicy,
  TPolicySet,
  TDecision,
  TLayer,
  TMismatch,
  TStatementExplain,
  TPolicyExplain,
  TExplain,
  TEvaluation,
  TPrincipalType,
  TResourceRule,
  TCompiledPolicy,
} from "./types";
export type { TSizeLimit } from "./limits";

/** Every policy kind `parsePolicy` accepts, in a stable order. */
export { POLICY_KINDS } from "./types";

/** Size limit of each policy kind (IAM counts characters without white space; S3/KMS count bytes). */
export { POLICY_SIZE_LIMITS, MAX_INPUT_BYTES } from "./limits";

/**
 * Parses policy text and checks it against the grammar of `kind`, its size limit and the
 * security checklist. Every diagnostic has a stable `code`, a lowercase `message`, a JSON pointer
 * `path` and a `range` (1-based line/column plus character offsets). `policy` is returned only
 * when there is no error; its statements remember where they were in the text, so `evaluate`'s
 * explain can point back at them. Never throws; input over 1 MB is refused before parsing.
 */
export function parsePolicy(
  text: string,
  options: { kind: TPolicyKind },
): { policy?: TParsedPolicy; diagnostics: TDiagnostic[] } {
  return parsePolicyText(text, options);
}

/**
 * Validates an already-parsed JSON value as a policy of `kind` (for callers that receive JSON
 * objects, like the CLI). Same diagnostics as `parsePolicy`, with empty ranges.
 */
export function validatePolicyDocument(value: unknown, kind: TPolicyKind): TDiagnostic[] {
  return validateValue(value, kind);
}

/**
 * Compiles a policy once (action and resource wildcards to matchers, CIDRs, dates and numbers
 * parsed, policy variables split) for fast repeated evaluation. Accepts a document or the
 * `policy` of `parsePolicy`. Assumes valid input: malformed parts match nothing.
 */
export function compile(policy: TPolicyDocument | TParsedPolicy): TCompiledPolicy {
  return compilePolicyInternal(policy);
}

/**
 * Decides one request the way AWS documents it: `Allow`, `ExplicitDeny` or `ImplicitDeny`.
 * Policies may be documents, parsed policies or compiled policies (the fast path; documents are
 * compiled once and cached per object). With `{ explain: true }` the result carries the deciding
 * layer, per policy and statement whether it applied or the first reason it did not, and summary
 * sentences. Never throws.
 */
export function evaluate(
  input: { request: TRequest; policies: TPolicySet },
  options?: { explain?: boolean },
): TEvaluation {
  return evaluateRequest(input, options);
}
