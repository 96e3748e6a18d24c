// Shared types of the policy core. Every stage (parse, validate, compile, evaluate, explain)
// speaks these; nothing here has behaviour.

/** The grammar and size limit a policy text is checked against. */
export type TPolicyKind =
  "identity" | "resource" | "key" | "trust" | "scp" | "rcp" | "boundary" | "session" | "vault-lock";

export const POLICY_KINDS: readonly TPolicyKind[] = [
  "identity",
  "resource",
  "key",
  "trust",
  "scp",
  "rcp",
  "boundary",
  "session",
  "vault-lock",
];

export type TSeverity = "error" | "warning" | "suggestion";

/** A 1-based line and column in the policy text. */
export interface TPosition {
  line: number;
  column: number;
}

/** Where a diagnostic or statement sits in the text: line/column for humans, offsets for editors. */
export interface TRange {
  start: TPosition;
  end: TPosition;
  /** character offset of the start (0-based, inclusive) */
  from: number;
  /** character offset of the end (0-based, exclusive) */
  to: number;
}

export interface TDiagnostic {
  /** stable machine code, e.g. `effect-invalid` */
  code: string;
  severity: TSeverity;
  /** lowercase, no trailing period, user input in backticks */
  message: string;
  /** JSON pointer of the offending value ("" for the whole document) */
  path: string;
  range: TRange;
}

export type TJsonValue = null | boolean | number | string | TJsonValue[] | { [key: string]: TJsonValue };

/** An IAM policy document as JSON (already parsed). */
export type TPolicyDocument = { [key: string]: TJsonValue };

/** What `parsePolicy` returns for a document without errors: the JSON plus where each part was. */
export interface TParsedPolicy {
  kind: TPolicyKind;
  document: TPolicyDocument;
  /** JSON pointer -> range in the source text */
  ranges: Record<string, TRange>;
}

export type TContextValue = string | number | boolean | Array<string | number | boolean>;

/** One authorization request, as the CLI and the grader send it. */
export interface TRequest {
  /** an IAM user/role/root ARN, an assumed-role or federated-user session ARN, `<svc>.amazonaws.com`, a federated provider, or `anonymous` */
  principal: string;
  /** 12 digits; optional when the principal ARN carries it */
  principalAccount?: string;
  action: string;
  /** an ARN or `*` */
  resource: string;
  /** 12 digits; needed for S3 ARNs, which carry none */
  resourceAccount?: string;
  context?: Record<string, TContextValue>;
  /** optional: the organization's management account (SCPs skip its principals, RCPs its resources) */
  managementAccount?: string;
}

export type TAnyPolicy = TPolicyDocument | TParsedPolicy | TCompiledPolicy;

/** The policies that apply to one request. */
export interface TPolicySet {
  identity?: TAnyPolicy[];
  /** the resource-based policy: a bucket policy, a KMS key policy or a role trust policy */
  resource?: TAnyPolicy;
  permissionBoundary?: TAnyPolicy;
  session?: TAnyPolicy;
  /** one list per organization level, root first */
  scp?: TAnyPolicy[][];
  rcp?: TAnyPolicy[][];
}

export type TDecision = "Allow" | "ExplicitDeny" | "ImplicitDeny";

/** The layer that decided: the policy type, the KMS / trust policy rule, or the default deny. */
export type TLayer =
  "scp" | "rcp" | "resource" | "key-policy" | "trust-policy" | "identity" | "boundary" | "session" | "default";

export type TMismatch =
  | { kind: "action"; message: string }
  | { kind: "resource"; message: string }
  | { kind: "principal"; message: string }
  | {
      kind: "condition";
      message: string;
      operator: string;
      key: string;
      policyValues: string[];
      /** null when the key is missing from the request */
      requestValues: string[] | null;
      isKeyMissing: boolean;
      range?: TRange;
    };

export interface TStatementExplain {
  index: number;
  sid?: string;
  effect: "Allow" | "Deny";
  isApplied: boolean;
  /** the first reason the statement did not apply */
  mismatch?: TMismatch;
  range?: TRange;
}

export interface TPolicyExplain {
  layer: TLayer;
  /** e.g. `identity[0]`, `scp[1][0]`, `resource` */
  label: string;
  /** what the policy says about this request on its own */
  outcome: "allow" | "deny" | "none";
  /** set when the policy was not considered for this request, and why */
  note?: string;
  statements: TStatementExplain[];
}

export interface TExplain {
  decidingLayer: TLayer;
  /** sentences a student can act on */
  summary: string[];
  /** how the request was read: principal type, same/cross account, special rule */
  request: {
    principalType: TPrincipalType;
    principalAccount?: string;
    resourceAccount?: string;
    isCrossAccount: boolean;
    rule: TResourceRule;
  };
  policies: TPolicyExplain[];
}

export interface TEvaluation {
  decision: TDecision;
  /** present when `explain: true` */
  explain?: TExplain;
}

export type TPrincipalType =
  "user" | "role" | "assumed-role" | "federated-user" | "root" | "service" | "federated" | "anonymous" | "unknown";

/** Which resource-policy rule the request falls under. */
export type TResourceRule = "generic" | "kms-key" | "role-trust";

// ---- compiled form (produced by compile, consumed by evaluate) ----

export interface TCompiledPolicy {
  readonly isCompiled: true;
  readonly kind?: TPolicyKind;
  readonly hasVariables: boolean;
  readonly statements: TCompiledStatement[];
  /** statements that can match an action of a service (lowercase prefix), in order */
  readonly byService: Map<string, TCompiledStatement[]>;
  /** statements for any other service (NotAction or a wildcard service) */
  readonly anyService: TCompiledStatement[];
  /**
   * internal memo, filled by evaluate: lowercased request action -> the statements whose
   * Action / NotAction matches it. Absent on hand-made objects (evaluate then scans byService).
   */
  readonly actionPlans?: Map<string, TActionPlan>;
}

/** Which statements of a policy match one action (see TCompiledPolicy.actionPlans). */
export interface TActionPlan {
  /** the action as sent by the request the plan was built for (explain messages quote it) */
  action: string;
  /** the matching statements, in order */
  matching: TCompiledStatement[];
  /** 1 for each statement (by position in `statements`) whose action matches */
  flags: Uint8Array;
  /** explain: the action-mismatch message of each statement, built on first use */
  messages: (string | undefined)[] | null;
}

export type TStringMatcher = (value: string) => boolean;

/** A string with policy variables, split once at compile time. */
export type TTemplatePart =
  { t: "lit"; v: string } | { t: "var"; key: string; def?: string } | { t: "star" } | { t: "q" };

export interface TCompiledResource {
  /** the text as written */
  raw: string;
  /** matcher when the pattern has no variables */
  match?: (value: string, parts: string[] | null) => boolean;
  /** parts when it has variables (resolved per request) */
  parts?: TTemplatePart[];
  /** literal start every matching ARN's resource part has ("" = no quick check) */
  tail?: string;
}

export interface TCompiledPrincipal {
  /** `"*"` or `{"AWS": "*"}`: everyone, anonymous callers included */
  isAny: boolean;
  /** exact principal ARNs (users, roles, sessions, federated users) */
  arns: Set<string>;
  /** 12-digit accounts named by id or by `arn:aws:iam::ID:root` */
  accounts: Set<string>;
  /** `ACCOUNT|rolename` for every role ARN, so sessions of the role match it whatever its path */
  roleKeys: Set<string>;
  services: Set<string>;
  federated: Set<string>;
  canonical: Set<string>;
  /** the entries as written, for messages */
  raw: string[];
}

export interface TCompiledCondition {
  operator: string;
  key: string;
  values: string[];
  /** explain: the policy values as message text */
  valuesText?: string;
  /** the key, lowercased */
  lkey?: string;
  /** opaque program run by the condition stage */
  program: unknown;
  range?: TRange;
}

export interface TCompiledStatement {
  index: number;
  sid?: string;
  effect: "Allow" | "Deny";
  isNotAction: boolean;
  actionTest: (lowerAction: string) => boolean;
  actions: string[];
  /** precomputed text of the action list for explain messages */
  actionText: string;
  /** explain: the message tail for an action that does not match (`\` is not matched by ...`) */
  actionMissText?: string;
  resourceText: string;
  isNotResource: boolean;
  hasResource: boolean;
  resources: TCompiledResource[];
  principal?: TCompiledPrincipal;
  isNotPrincipal: boolean;
  conditions: TCompiledCondition[];
  range?: TRange;
}

export interface TParsedPrincipal {
  raw: string;
  type: TPrincipalType;
  account?: string;
  partition: string;
  /** role ARN without path information for sessions: `arn:aws:iam::A:role/NAME` (matched by name) */
  roleName?: string;
  rolePath?: string;
  userName?: string;
  sessionName?: string;
  /** global condition keys AWS sets for this principal (aws:PrincipalArn, ...) */
  autoContext: [string, TContextEntry][];
}

export interface TContextEntry {
  values: string[];
  isMulti: boolean;
}

/** A context value as the evaluator reads it: a string (single-valued) or strings (multivalued). */
export type TContextRaw = string | string[];

/** The key layout of a request context: its keys and their lowercased forms (contexts are small). */
export interface TContextMap {
  /** the keys as sent, in iteration order */
  keys: string[];
  /** the same keys lowercased (canonical strings, see lowerKey) */
  lower: string[];
}

export interface TPreparedRequest {
  raw: TRequest;
  action: string;
  lowerAction: string;
  resource: string;
  /** resource split in 6 ARN parts, or null when not an ARN */
  resourceParts: string[] | null;
  principal: TParsedPrincipal;
  principalAccount?: string;
  resourceAccount?: string;
  /** lowercase service prefix of the action */
  service: string;
  /** lowercased key -> value(s); built on first use (see contextValue) */
  context: TContextMap | null;
  rule: TResourceRule;
}
