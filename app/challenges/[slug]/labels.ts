import type { TChallengeKind, TDecision, TExpectedDecision, TGradableSpec, TLayer } from "@/core/index";

/** What the client needs of the student spec to run visible cases and what-if: no prompt, no hint texts. */
export type TWorkbenchSpec = TGradableSpec & {
  slug: string;
  language: "json" | "javascript";
  starter: string;
  hiddenCases: { count: number; points: number };
};

export const KIND_LABEL: Record<TChallengeKind, string> = {
  "identity-policy": "IAM identity policy",
  "permission-boundary": "Permissions boundary",
  "session-policy": "Session policy",
  "role-trust-policy": "Role trust policy",
  "s3-bucket-policy": "S3 bucket policy",
  "sqs-queue-policy": "SQS queue policy",
  "sns-topic-policy": "SNS topic policy",
  "secrets-manager-policy": "Secrets Manager resource policy",
  "glacier-vault-lock": "Glacier vault lock policy",
  "kms-key-policy": "KMS key policy",
  scp: "Service control policy (SCP)",
  rcp: "Resource control policy (RCP)",
  "cognito-trigger": "Cognito Lambda trigger",
  "cognito-custom-auth": "Cognito custom authentication triggers",
};

export const LAYER_LABEL: Record<TLayer, string> = {
  scp: "service control policy",
  rcp: "resource control policy",
  resource: "resource policy",
  "key-policy": "key policy",
  "trust-policy": "trust policy",
  identity: "identity policy",
  boundary: "permissions boundary",
  session: "session policy",
  default: "implicit default deny",
};

export function decisionText(d: TDecision | TExpectedDecision): string {
  if (d === "ExplicitDeny") return "Denied (explicit)";
  if (d === "ImplicitDeny") return "Denied (implicit)";
  if (d === "Deny") return "Denied";
  return "Allowed";
}

export function percent(score: number | null | undefined): string {
  return score === null || score === undefined ? "–" : `${Math.round(score * 100)} %`;
}
