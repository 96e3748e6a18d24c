/** How kinds are named to people. */
export const KIND_LABELS: Record<string, string> = {
  "identity-policy": "Identity policy",
  "permission-boundary": "Permission boundary",
  "session-policy": "Session policy",
  "role-trust-policy": "Role trust policy",
  "s3-bucket-policy": "S3 bucket policy",
  "sqs-queue-policy": "SQS queue policy",
  "sns-topic-policy": "SNS topic policy",
  "secrets-manager-policy": "Secrets Manager policy",
  "glacier-vault-lock": "Glacier Vault Lock",
  "kms-key-policy": "KMS key policy",
  scp: "SCP",
  rcp: "RCP",
  "cognito-trigger": "Cognito trigger",
  "cognito-custom-auth": "Cognito custom auth",
};

export const kindLabel = (k: string) => KIND_LABELS[k] ?? k;

export function formatDue(d: Date, now = new Date()): string {
  const ms = d.getTime() - now.getTime();
  const days = Math.round(ms / 86_400_000);
  const date = d.toLocaleDateString("en", { month: "short", day: "numeric" });
  if (ms < 0) return `was due ${date}`;
  if (days === 0) return `due today`;
  if (days === 1) return `due tomorrow`;
  return `due ${date} (in ${days} days)`;
}
