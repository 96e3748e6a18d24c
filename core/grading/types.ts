// The shapes core/grading reads and writes. The challenge format (server/challenges/schema.ts)
// produces specs assignable to TGradableSpec; core cannot import server, so the shapes live here.
import type { TDiagnostic, TDecision, TExplain, TPolicyDocument, TPolicyKind } from "../policy/types";
import type { PartialTriggerEvent } from "../cognito/events";
import type { TriggerCaseExpectation, TriggerCheck } from "../cognito/judge";
import type { HandlerRunResult } from "../cognito/run-result";
import type { TriggerFinding } from "../cognito/findings";

/** Policy challenge kinds: the slot of the fixed world the student's policy fills. */
export type TPolicyChallengeKind =
  | "identity-policy"
  | "permission-boundary"
  | "session-policy"
  | "role-trust-policy"
  | "s3-bucket-policy"
  | "sqs-queue-policy"
  | "sns-topic-policy"
  | "secrets-manager-policy"
  | "glacier-vault-lock"
  | "kms-key-policy"
  | "scp"
  | "rcp";

/** Cognito kinds: one handler (`exports.handler`), or the three custom-auth handlers in one file. */
export type TTriggerChallengeKind = "cognito-trigger" | "cognito-custom-auth";

export type TChallengeKind = TPolicyChallengeKind | TTriggerChallengeKind;

export type TVisibility = "visible" | "hidden";

/** A principal of the world, by name. Its attached policies are combined with the student's. */
export interface TWorldPrincipal {
  /** IAM user/role/root ARN, assumed-role or federated-user session ARN, `<svc>.amazonaws.com`, a 12-digit account, `anonymous` */
  arn: string;
  account?: string;
  description?: string;
  identityPolicies?: TPolicyDocument[];
  permissionBoundary?: TPolicyDocument;
  /** for session principals (assumed-role / federated-user ARNs) */
  sessionPolicy?: TPolicyDocument;
}

/** A resource of the world, by name; `policy` is its resource-based policy already in place. */
export interface TWorldResource {
  arn: string;
  /** the owning account (needed for S3 ARNs, which carry none) */
  account?: string;
  description?: string;
  policy?: TPolicyDocument;
}

export interface TWorld {
  accounts: Array<{ id: string; name: string; description?: string }>;
  principals: Record<string, TWorldPrincipal>;
  resources: Record<string, TWorldResource>;
  organization?: {
    managementAccount?: string;
    /** accounts governed by the SCPs/RCPs (default: every account of the world) */
    accounts?: string[];
    /** one list per level, root first */
    scp?: TPolicyDocument[][];
    rcp?: TPolicyDocument[][];
  };
}

/** Where the student's policy goes in the world. */
export interface TPolicySlot {
  /** identity-policy, permission-boundary, session-policy: the principal's name */
  principal?: string;
  /** principal kinds: other principals that carry the same policy (members of one group) */
  alsoAttachedTo?: string[];
  /** resource kinds, kms-key-policy, role-trust-policy, glacier-vault-lock: the resource's name */
  resource?: string;
  /** scp / rcp: the organization level the policy is attached to (default: the last level) */
  level?: number;
}

export interface TPolicyRequestSpec {
  /** a principal name of the world, or an ARN / account / service principal as the core accepts */
  principal: string;
  action: string;
  /** a resource name of the world, `<name>/<suffix>` (appended to its ARN), or an ARN */
  resource: string;
  context?: Record<string, string | number | boolean | Array<string | number | boolean>>;
  principalAccount?: string;
  resourceAccount?: string;
}

/** `Deny` accepts ExplicitDeny or ImplicitDeny. */
export type TExpectedDecision = "Allow" | "Deny" | "ExplicitDeny" | "ImplicitDeny";

interface TCaseBase {
  id: string;
  title: string;
  visibility: TVisibility;
  points: number;
  /** a key of the challenge's `misconceptions` */
  misconception?: string;
}

export interface TPolicyCase extends TCaseBase {
  request: TPolicyRequestSpec;
  expect: TExpectedDecision;
}

export interface TTriggerCase extends TCaseBase {
  event: PartialTriggerEvent;
  /** custom-auth flow: the client's answers, in order */
  answers?: string[];
  withPassword?: boolean;
  passwordCorrect?: boolean;
  /** the fake SDK's state for this case (default: the challenge's `trigger.sdkSeed`) */
  sdkSeed?: Record<string, unknown>;
  expect: TriggerCaseExpectation;
}

export type TCase = TPolicyCase | TTriggerCase;

export interface TConstraints {
  /** the AWS size limit of the slot (default true) */
  sizeLimit: boolean;
  /** no `*` anywhere in an Action value (also `s3:Get*`) */
  noWildcardAction: boolean;
  noNotAction: boolean;
  maxStatements?: number;
}

/**
 * What grading needs from a challenge. The stored spec (TChallengeSpec) and the student view both
 * satisfy it; the student view simply has no hidden cases.
 */
export interface TGradableSpec {
  kind: TChallengeKind;
  points: number;
  constraints: TConstraints;
  /** misconception key -> the hint a student sees when a case with that tag fails */
  misconceptions: Record<string, string>;
  policy?: { slot: TPolicySlot; world: TWorld };
  trigger?: { timeLimitMs?: number; sdkSeed?: Record<string, unknown> };
  cases: TCase[];
}

// ---- report ----

/** A problem with the submission as a whole: policy diagnostics, or the code's compile error. */
export type TGradeDiagnostic =
  TDiagnostic | { code: string; severity: "error" | "warning"; message: string; line?: number; column?: number };

export interface TConstraintResult {
  id: "size-limit" | "no-wildcard-action" | "no-not-action" | "max-statements";
  name: string;
  passed: boolean;
  message: string;
}

export type TPolicyActual = { decision: TDecision };
export type TTriggerActual = {
  /** what Cognito would do with the handler's output */
  cognito: { accepted: boolean; errorMessage?: string };
  checks: TriggerCheck[];
  findings: TriggerFinding[];
  /** the returned `response` (single invocations), or the flow's outcome */
  response?: unknown;
  flowOutcome?: string;
  logs?: string[];
  error?: { kind: string; message: string };
};

export interface TCaseResult {
  id: string;
  name: string;
  visibility: TVisibility;
  passed: boolean;
  /** the case's weight */
  points: number;
  /** points earned (points when passed, else 0) */
  earned: number;
  misconception?: string;
  /** the misconception's hint text, when the case failed and has a tag */
  hint?: string;
  expected: TExpectedDecision | TriggerCaseExpectation | null;
  actual: TPolicyActual | TTriggerActual | null;
  /** policy kinds: the evaluation's explain; trigger kinds: the checks' messages */
  explain: TExplain | string[] | null;
  /** the request as evaluated (policy kinds), with names resolved to ARNs */
  request?: unknown;
}

export interface TGradeReport {
  gradable: boolean;
  diagnostics: TGradeDiagnostic[];
  /** 0..1: passed case points / total case points, reduced by failed constraints (see README) */
  score: number;
  /** score x the challenge's points, rounded to 2 decimals */
  points: number;
  maxPoints: number;
  constraints: TConstraintResult[];
  cases: TCaseResult[];
  /** hidden cases not in `cases` (student view of a visible-only run) */
  hiddenCases?: { count: number; points: number };
  timings: { totalMs: number; parseMs: number; casesMs: number };
  /** Points taken off for hints revealed before this submission (set by the grading worker). */
  hintPenalty?: number;
}

/** One sandbox for one submission's trigger code (created by the injected `runTrigger`). */
export interface TTriggerSession {
  /** the code's compile error, or null */
  syntaxError(): { message: string; line?: number; column?: number } | null;
  invoke(triggerSource: string, event: unknown, sdkSeed?: Record<string, unknown>): Promise<HandlerRunResult>;
  dispose(): void;
}

/**
 * Opens a sandbox for the student's code. `exportFor` names the export to call per trigger source
 * (custom-auth files export `defineAuthChallenge`, `createAuthChallenge`, `verifyAuthChallengeResponse`).
 */
export type TRunTrigger = (
  code: string,
  options: { timeLimitMs?: number; exportFor: (triggerSource: string) => string },
) => TTriggerSession | Promise<TTriggerSession>;

export type { TPolicyKind };
