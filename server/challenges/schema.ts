// The challenge format: the one definition of challenge.yaml, cases.yaml and mutants/mutants.yaml,
// and of the spec stored in ChallengeVersion.spec. challenges/*.schema.json are generated from
// this file (`npx tsx scripts/gen-challenge-schema.ts`); challenges/README.md explains it.
import { z } from "zod";
import type { TGradableSpec, TPolicyDocument } from "../../core/index";

export const EXAM_DOMAINS = [
  "Threat Detection and Incident Response",
  "Security Logging and Monitoring",
  "Infrastructure Security",
  "Identity and Access Management",
  "Data Protection",
  "Management and Security Governance",
] as const;

export const POLICY_CHALLENGE_KINDS = [
  "identity-policy",
  "permission-boundary",
  "session-policy",
  "role-trust-policy",
  "s3-bucket-policy",
  "sqs-queue-policy",
  "sns-topic-policy",
  "secrets-manager-policy",
  "glacier-vault-lock",
  "kms-key-policy",
  "scp",
  "rcp",
] as const;
export const TRIGGER_CHALLENGE_KINDS = ["cognito-trigger", "cognito-custom-auth"] as const;
export const CHALLENGE_KINDS = [...POLICY_CHALLENGE_KINDS, ...TRIGGER_CHALLENGE_KINDS] as const;

const ZKebab = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "use kebab-case: lowercase letters, digits and single dashes");
const ZUuidV4 = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, "a lowercase version-4 UUID (generate one with `node -e \"console.log(crypto.randomUUID())\"`)");
const ZAccountId = z.string().regex(/^\d{12}$/, "a 12-digit AWS account id (quote it in YAML)");
// Runtime: any object (the policy validator checks it, with better messages); type: a policy document.
const ZPolicyDocument = z
  .record(z.string(), z.unknown())
  .describe("an IAM policy document (Version, Statement); checked with the policy validator of its type") as unknown as z.ZodType<TPolicyDocument>;
const ZContextValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number(), z.boolean()]))]);

export const ZHint = z
  .strictObject({
    title: z.string().min(1).max(80),
    text: z.string().min(1).describe("Markdown"),
    cost: z.number().int().min(0).default(0).describe("points deducted from this challenge when the hint is revealed"),
  })
  .describe("a hint, revealed on request in the order listed");

export const ZConstraintsInput = z
  .strictObject({
    sizeLimit: z.boolean().default(true).describe("the AWS size limit of the slot's policy type (default on)"),
    noWildcardAction: z.boolean().default(false).describe("no `*` in any Action value (also `s3:Get*`)"),
    noNotAction: z.boolean().default(false).describe("no statement may use NotAction"),
    maxStatements: z.number().int().min(1).optional().describe("at most this many statements"),
  })
  .describe("optional constraints on a policy answer; each failed one removes 25% of the score");

export const ZWorldPrincipal = z.strictObject({
  arn: z.string().min(1).describe("IAM user/role/root ARN, session ARN, `<svc>.amazonaws.com`, 12-digit account or `anonymous`"),
  account: ZAccountId.optional(),
  description: z.string().optional(),
  identityPolicies: z.array(ZPolicyDocument).optional().describe("identity policies already attached"),
  permissionBoundary: ZPolicyDocument.optional(),
  sessionPolicy: ZPolicyDocument.optional().describe("for session principals: the session policy passed at AssumeRole / GetFederationToken"),
});

export const ZWorldResource = z.strictObject({
  arn: z.string().min(1),
  account: ZAccountId.optional().describe("the owning account (required for S3 buckets, whose ARNs carry none)"),
  description: z.string().optional(),
  policy: ZPolicyDocument.optional().describe("the resource policy already in place (a vault's access policy, another bucket's policy, ...)"),
});

export const ZWorld = z
  .strictObject({
    accounts: z.array(z.strictObject({ id: ZAccountId, name: z.string().min(1), description: z.string().optional() })).min(1),
    principals: z.record(z.string(), ZWorldPrincipal).default({}).describe("principals by name; cases refer to them by name"),
    resources: z.record(z.string(), ZWorldResource).default({}).describe("resources by name; cases refer to them by name or `<name>/<suffix>`"),
    organization: z
      .strictObject({
        managementAccount: ZAccountId.optional(),
        accounts: z.array(ZAccountId).optional().describe("accounts governed by the SCPs/RCPs (default: every account of the world)"),
        scp: z.array(z.array(ZPolicyDocument)).optional().describe("SCPs per level, root first (e.g. FullAWSAccess at the root)"),
        rcp: z.array(z.array(ZPolicyDocument)).optional().describe("RCPs per level, root first"),
      })
      .optional(),
  })
  .describe("the fixed world the student's policy lives in");

export const ZPolicySlot = z
  .strictObject({
    principal: z.string().optional().describe("identity-policy, permission-boundary, session-policy: the principal's name in the world"),
    alsoAttachedTo: z
      .array(z.string())
      .max(20)
      .optional()
      .describe("principal kinds: other principals in the world that carry the same policy (a group's members), so `${aws:username}` answers are tested on several users"),
    resource: z.string().optional().describe("resource-policy kinds, kms-key-policy, role-trust-policy, glacier-vault-lock: the resource's name"),
    level: z.number().int().min(0).optional().describe("scp / rcp: the organization level it is attached to (default: the last)"),
  })
  .describe("where the student's policy goes");

export const ZChallengeYaml = z
  .strictObject({
    uuid: ZUuidV4.describe("identity of the challenge across renames: never change it, never copy it"),
    title: z.string().min(3).max(100),
    kind: z.enum(CHALLENGE_KINDS).describe("policy kinds name the slot the student's policy fills; cognito kinds take JavaScript"),
    difficulty: z.number().int().min(1).max(5),
    points: z.number().int().min(1).max(1000),
    domain: z.enum(EXAM_DOMAINS).describe("the SCS-C02 exam domain"),
    tags: z.array(ZKebab).default([]).describe("public tags (services, topics)"),
    misconceptions: z
      .record(ZKebab, z.string().min(1))
      .default({})
      .describe("misconception tag -> the hint a student sees when a case with that tag fails (admin-facing vocabulary, student-facing text)"),
    hints: z.array(ZHint).default([]),
    constraints: ZConstraintsInput.optional(),
    instructorNotes: z.string().optional().describe("never shown to students"),
    policy: z.strictObject({ slot: ZPolicySlot, world: ZWorld }).optional().describe("required for policy kinds"),
    trigger: z
      .strictObject({
        timeLimitMs: z.number().int().min(100).max(5000).optional().describe("per-invocation time limit (default 5000, Cognito's limit)"),
        sdkSeed: z.record(z.string(), z.unknown()).optional().describe("initial state of the fake AWS SDK for every case (cognito users/groups, dynamodb tables)"),
      })
      .optional()
      .describe("for cognito kinds"),
  })
  .describe("challenges/<slug>/challenge.yaml");

const ZCaseBase = {
  id: ZKebab.describe("stable id, unique in the challenge"),
  title: z.string().min(3).max(120).describe("a short name (hidden cases: never shown to students)"),
  visibility: z.enum(["visible", "hidden"]).default("visible"),
  points: z.number().min(0).default(1).describe("weight of the case; 0 = informational"),
  misconception: ZKebab.optional().describe("a key of challenge.yaml `misconceptions`"),
};

export const ZPolicyCase = z.strictObject({
  ...ZCaseBase,
  request: z.strictObject({
    principal: z.string().min(1).describe("a principal name of the world, or an ARN / account / `<svc>.amazonaws.com` / `anonymous`"),
    action: z.string().regex(/^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$/, "an action like `s3:GetObject`"),
    resource: z.string().min(1).describe("a resource name of the world, `<name>/<suffix>` (appended to its ARN), or an ARN"),
    context: z.record(z.string(), ZContextValue).optional().describe("request context keys, e.g. `aws:SecureTransport: false`"),
    principalAccount: ZAccountId.optional(),
    resourceAccount: ZAccountId.optional(),
  }),
  expect: z.enum(["Allow", "Deny", "ExplicitDeny", "ImplicitDeny"]).describe("`Deny` accepts either kind of deny"),
});

const ZMatcher = z.unknown();
export const ZTriggerExpectation = z.strictObject({
  outcome: z.enum(["accepted", "rejected"]).optional(),
  errorContains: z.union([z.string(), z.array(z.string())]).optional(),
  response: z.record(z.string(), ZMatcher).optional(),
  tokens: z
    .strictObject({
      idToken: z.record(z.string(), ZMatcher).optional(),
      accessToken: z.record(z.string(), ZMatcher).optional(),
      groups: z.array(z.string()).nullable().optional(),
      scopesInclude: z.array(z.string()).optional(),
      scopesExclude: z.array(z.string()).optional(),
    })
    .optional(),
  sdkCalls: z.array(z.strictObject({ operation: z.string(), input: z.record(z.string(), ZMatcher).optional(), count: z.number().int().min(0).optional() })).optional(),
  sdkCallsAbsent: z.array(z.string()).optional(),
  findings: z.strictObject({ include: z.array(z.string()).optional(), exclude: z.array(z.string()).optional() }).optional(),
  logsContain: z.array(z.string()).optional(),
  customAuth: z.strictObject({ outcome: z.enum(["tokens-issued", "failed", "challenge", "error"]), answersUsed: z.number().int().min(0).optional() }).optional(),
});

export const ZTriggerCase = z.strictObject({
  ...ZCaseBase,
  event: z
    .strictObject({
      triggerSource: z.string().min(1),
      version: z.string().optional(),
      region: z.string().optional(),
      userPoolId: z.string().optional(),
      userName: z.string().optional(),
      callerContext: z.strictObject({ awsSdkVersion: z.string().optional(), clientId: z.string().optional() }).optional(),
      request: z.record(z.string(), z.unknown()).optional(),
      response: z.record(z.string(), z.unknown()).optional(),
    })
    .describe("a partial Cognito event: the trigger source plus the fields that matter (core/cognito buildEvent fills the rest)"),
  answers: z.array(z.string()).optional().describe("cognito-custom-auth: the client's answers; runs Define -> Create -> Verify"),
  withPassword: z.boolean().optional(),
  passwordCorrect: z.boolean().optional(),
  sdkSeed: z.record(z.string(), z.unknown()).optional().describe("the fake SDK's state for this case (default: challenge.yaml trigger.sdkSeed)"),
  expect: ZTriggerExpectation.describe("what Cognito must see (core/cognito TriggerCaseExpectation)"),
});

export const ZCasesFile = z
  .strictObject({ cases: z.array(z.union([ZPolicyCase, ZTriggerCase])).min(1) })
  .describe("challenges/<slug>/cases.yaml: policy cases have `request`, trigger cases `event`");

export const ZMutantsFile = z
  .strictObject({
    mutants: z
      .array(
        z.strictObject({
          file: z.string().regex(/^[a-z0-9][a-z0-9-]*\.(json|js)$/, "a file name in mutants/, e.g. `allow-http.json`"),
          misconception: ZKebab.describe("a key of challenge.yaml `misconceptions`"),
          mustFail: z.array(ZKebab).min(1).describe("case ids this mutant must fail"),
          note: z.string().optional(),
        }),
      )
      .min(1),
  })
  .describe("challenges/<slug>/mutants/mutants.yaml: known-wrong answers");

/** The spec stored in ChallengeVersion.spec: what the grader and the pages need (no solution, no mutants). */
export const ZChallengeSpec = z.strictObject({
  formatVersion: z.literal(1),
  uuid: ZUuidV4,
  slug: ZKebab,
  title: z.string(),
  kind: z.enum(CHALLENGE_KINDS),
  difficulty: z.number().int(),
  points: z.number().int(),
  domain: z.enum(EXAM_DOMAINS),
  tags: z.array(z.string()),
  misconceptions: z.record(z.string(), z.string()),
  hints: z.array(z.strictObject({ title: z.string(), text: z.string(), cost: z.number() })),
  constraints: z.strictObject({ sizeLimit: z.boolean(), noWildcardAction: z.boolean(), noNotAction: z.boolean(), maxStatements: z.number().optional() }),
  instructorNotes: z.string().optional(),
  prompt: z.string(),
  explanation: z.string(),
  language: z.enum(["json", "javascript"]),
  starter: z.string(),
  policy: z.strictObject({ slot: ZPolicySlot, world: ZWorld }).optional(),
  trigger: z.strictObject({ timeLimitMs: z.number().optional(), sdkSeed: z.record(z.string(), z.unknown()).optional() }).optional(),
  cases: z.array(z.union([ZPolicyCase, ZTriggerCase])),
});

export type TChallengeYaml = z.infer<typeof ZChallengeYaml>;
export type TPolicyCaseYaml = z.infer<typeof ZPolicyCase>;
export type TTriggerCaseYaml = z.infer<typeof ZTriggerCase>;
export type TCasesFile = z.infer<typeof ZCasesFile>;
export type TMutantsFile = z.infer<typeof ZMutantsFile>;
export type TChallengeSpec = z.infer<typeof ZChallengeSpec>;
export type TExamDomain = (typeof EXAM_DOMAINS)[number];

/** What students may see of a spec: visible cases only, no instructor notes, explanation only once solved. */
export type TStudentChallengeSpec = Omit<TChallengeSpec, "cases" | "instructorNotes" | "explanation" | "misconceptions"> & {
  cases: TChallengeSpec["cases"];
  hiddenCases: { count: number; points: number };
  explanation?: string;
  misconceptions: Record<string, string>;
};

// The stored spec must be gradable by core/grading as is (compile-time check).
type TAssert<T extends true> = T;
export type _SpecIsGradable = TAssert<TChallengeSpec extends TGradableSpec ? true : false>;
