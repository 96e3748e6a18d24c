// Security warnings a reviewer would give, on top of the grammar: over-grants and the classic
// bucket-versus-object pitfall.
import { entryOf, type Collector } from "./validate";
import type { TJsonNode } from "./json-parser";
import type { TPolicyKind } from "./types";

function strs(n: TJsonNode | undefined): string[] {
  if (!n) return [];
  if (n.type === "string") return [n.value];
  if (n.type === "array") return n.items.flatMap((i) => (i.type === "string" ? [i.value] : []));
  return [];
}

const WRITE_PREFIX =
  /^(put|delete|create|update|attach|detach|modify|set|write|pass|remove|add|tag|untag|replace|restore|change|enable|disable|associate|disassociate|import|run|start|stop|terminate|invoke|upload|publish|send|encrypt|decrypt|generate|reencrypt|schedule|revoke|authorize|\*)/i;

function isWriteAction(a: string): boolean {
  if (a === "*") return true;
  const name = a.split(":")[1] ?? "";
  return name === "*" || WRITE_PREFIX.test(name);
}

const S3_BUCKET_ACTION =
  /^s3:(ListBucket|ListBucketVersions|ListBucketMultipartUploads|GetBucket|PutBucket|DeleteBucket|GetLifecycleConfiguration|PutLifecycleConfiguration|GetEncryptionConfiguration|PutEncryptionConfiguration|GetReplicationConfiguration|PutReplicationConfiguration|GetAccelerateConfiguration|PutAccelerateConfiguration)/i;
const S3_OBJECT_ACTION =
  /^s3:(GetObject|PutObject|DeleteObject|RestoreObject|AbortMultipartUpload|ListMultipartUploadParts|GetObjectAcl|PutObjectAcl|GetObjectTagging|PutObjectTagging|DeleteObjectTagging|GetObjectVersion|DeleteObjectVersion|GetObjectAttributes)/i;
const BUCKET_ARN = /^arn:aws[a-z-]*:s3:::[^/]+$/;
const OBJECT_ARN = /^arn:aws[a-z-]*:s3:::[^/]+\/.*$/;

function hasWildcardPrincipal(p: TJsonNode | undefined): boolean {
  if (!p) return false;
  if (p.type === "string") return p.value === "*";
  return strs(entryOf(p, "AWS")).includes("*");
}

export function securityWarnings(c: Collector, root: TJsonNode, kind: TPolicyKind): void {
  const statement = entryOf(root, "Statement");
  if (!statement) return;
  const list =
    statement.type === "array"
      ? statement.items.map((s, i) => [s, `/Statement/${i}`] as const)
      : [[statement, "/Statement"] as const];
  for (const [st, path] of list) {
    if (st.type !== "object") continue;
    const effect = entryOf(st, "Effect");
    const isAllow = effect?.type === "string" && effect.value === "Allow";
    const actions = strs(entryOf(st, "Action"));
    const resources = strs(entryOf(st, "Resource"));
    const notAction = entryOf(st, "NotAction");
    const hasCondition = entryOf(st, "Condition") !== undefined;
    if (isAllow && notAction && kind !== "scp")
      c.add(
        "allow-notaction",
        "warning",
        `\`Allow\` with \`NotAction\` grants every other action of every service, including ones added later; list the actions instead`,
        `${path}/NotAction`,
        notAction,
      );
    const notResource = entryOf(st, "NotResource");
    if (isAllow && notResource)
      c.add(
        "allow-notresource",
        "warning",
        `\`Allow\` with \`NotResource\` grants access to every other resource; list the resources instead`,
        `${path}/NotResource`,
        notResource,
      );
    const principal = entryOf(st, "Principal");
    if (isAllow && hasWildcardPrincipal(principal) && !hasCondition && kind !== "rcp")
      c.add(
        "principal-star-no-condition",
        "warning",
        `\`Principal: "*"\` without a condition lets anyone, including anonymous callers, use this statement`,
        `${path}/Principal`,
        principal ?? st,
      );
    if (isAllow && actions.includes("*") && resources.includes("*") && kind !== "scp" && kind !== "rcp")
      c.add("allow-all", "warning", `\`Action: "*"\` on \`Resource: "*"\` is full administrator access`, path, st);
    // In a key policy `Resource: "*"` means "this key" (the form AWS documents), and in resource
    // policies of one resource it names that resource: only identity-side kinds over-reach with it.
    else if (isAllow && resources.includes("*") && kind !== "scp" && kind !== "rcp" && kind !== "key") {
      const w = actions.filter(isWriteAction);
      if (w.length)
        c.add(
          "resource-star-write",
          "warning",
          `write actions (\`${w.slice(0, 3).join("`, `")}\`) on \`Resource: "*"\`: scope them to specific resources`,
          `${path}/Resource`,
          entryOf(st, "Resource") ?? st,
        );
    }
    if (isAllow && resources.includes("*") && actions.some((a) => /^(iam:passrole|iam:\*|iam:pass\*|\*)$/i.test(a)))
      c.add(
        "passrole-star",
        "warning",
        `\`iam:PassRole\` on \`*\` lets the caller hand any role to a service, a privilege escalation path`,
        `${path}/Action`,
        entryOf(st, "Action") ?? st,
      );
    if (resources.length && resources.every((r) => BUCKET_ARN.test(r))) {
      const obj = actions.filter((a) => S3_OBJECT_ACTION.test(a));
      if (obj.length)
        c.add(
          "s3-object-action-on-bucket",
          "warning",
          `\`${obj[0]}\` acts on objects, but the resource is only the bucket \`${resources[0]}\`; add \`${resources[0]}/*\``,
          `${path}/Resource`,
          entryOf(st, "Resource") ?? st,
        );
    }
    if (resources.length && resources.every((r) => OBJECT_ARN.test(r))) {
      const b = actions.filter((a) => S3_BUCKET_ACTION.test(a));
      if (b.length)
        c.add(
          "s3-bucket-action-on-object",
          "warning",
          `\`${b[0]}\` acts on the bucket, but the resource only names objects (\`${resources[0]}\`); add the bucket arn without \`/*\``,
          `${path}/Resource`,
          entryOf(st, "Resource") ?? st,
        );
    }
    const np = entryOf(st, "NotPrincipal");
    if (np) {
      const aws = strs(entryOf(np, "AWS"));
      const accounts = new Set(
        aws.flatMap((a) => (/^\d{12}$/.test(a) ? [a] : (/^arn:[^:]+:iam::(\d{12}):root$/.exec(a)?.slice(1) ?? []))),
      );
      for (const a of aws) {
        const m = /^arn:[^:]+:(?:iam|sts)::(\d{12}):(?!root$)/.exec(a);
        if (m && !accounts.has(m[1])) {
          c.add(
            "notprincipal-without-account",
            "warning",
            `NotPrincipal lists \`${a}\` without its account \`arn:aws:iam::${m[1]}:root\`, so AWS denies it anyway (it checks the account first)`,
            `${path}/NotPrincipal`,
            np,
          );
          break;
        }
      }
    }
  }
}
