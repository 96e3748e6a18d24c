// Size limits per policy type, from AWS's quota pages. IAM does not count white space; AWS
// Organizations, S3, KMS and Glacier count the document as stored.
import type { TPolicyKind } from "./types";

export interface TSizeLimit {
  max: number;
  unit: "characters" | "bytes";
  countsWhitespace: boolean;
  /** what the figure is, for the message */
  label: string;
  source: string;
}

const IAM_QUOTAS = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html";
const ORG_QUOTAS = "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html";

/** The size limit of each policy kind (identity uses the managed policy figure). */
export const POLICY_SIZE_LIMITS: Readonly<Record<TPolicyKind, TSizeLimit>> = {
  identity: { max: 6144, unit: "characters", countsWhitespace: false, label: "managed policy", source: IAM_QUOTAS },
  boundary: {
    max: 6144,
    unit: "characters",
    countsWhitespace: false,
    label: "managed policy used as a permissions boundary",
    source: IAM_QUOTAS,
  },
  trust: {
    max: 2048,
    unit: "characters",
    countsWhitespace: false,
    label: "role trust policy (default quota, raisable to 4,096)",
    source: IAM_QUOTAS,
  },
  session: {
    max: 2048,
    unit: "characters",
    countsWhitespace: true,
    label: "session policy plaintext",
    source: "https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html",
  },
  scp: { max: 5120, unit: "characters", countsWhitespace: true, label: "service control policy", source: ORG_QUOTAS },
  rcp: { max: 5120, unit: "characters", countsWhitespace: true, label: "resource control policy", source: ORG_QUOTAS },
  resource: {
    max: 20480,
    unit: "bytes",
    countsWhitespace: true,
    label: "s3 bucket policy (20 kb)",
    source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-policies.html",
  },
  key: {
    max: 32768,
    unit: "bytes",
    countsWhitespace: true,
    label: "kms key policy (32 kb)",
    source: "https://docs.aws.amazon.com/kms/latest/developerguide/resource-limits.html",
  },
  "vault-lock": {
    max: 20480,
    unit: "bytes",
    countsWhitespace: true,
    label: "s3 glacier vault lock policy (20 kb)",
    source: "https://docs.aws.amazon.com/amazonglacier/latest/dev/vault-lock-policy.html",
  },
};

/** Other IAM inline limits (aggregate per entity, white space not counted). */
export const IAM_INLINE_LIMITS = { user: 2048, group: 5120, role: 10240 } as const;

/** Input larger than this is refused before parsing. */
export const MAX_INPUT_BYTES = 1024 * 1024;

export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

export function measure(text: string, limit: TSizeLimit): number {
  const t = limit.countsWhitespace ? text : text.replace(/\s+/g, "");
  return limit.unit === "bytes" ? utf8Length(t) : t.length;
}
