// Principals: reading the caller from the request, compiling the Principal element, matching.
import type { TCompiledPrincipal, TContextEntry, TJsonValue, TParsedPrincipal } from "./types";

const ACCOUNT_RE = /^\d{12}$/;
const cache = new Map<string, TParsedPrincipal>();

/** Reads the request's principal string (cached: the same callers repeat across requests). */
export function parsePrincipal(raw: string, principalAccount?: string): TParsedPrincipal {
  const key = principalAccount ? raw + "|" + principalAccount : raw;
  const hit = cache.get(key);
  if (hit) return hit;
  const p = parseUncached(raw, principalAccount);
  p.autoContext = autoContextOf(p);
  if (cache.size > 5000) cache.clear();
  cache.set(key, p);
  return p;
}

/** aws:PrincipalType as AWS sets it (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principaltype). */
const PRINCIPAL_TYPE: Partial<Record<TParsedPrincipal["type"], string>> = {
  root: "Account",
  user: "User",
  role: "AssumedRole",
  "assumed-role": "AssumedRole",
  "federated-user": "FederatedUser",
  anonymous: "Anonymous",
};

function autoContextOf(p: TParsedPrincipal): [string, TContextEntry][] {
  const type = PRINCIPAL_TYPE[p.type];
  if (p.type === "anonymous") return type ? [["aws:principaltype", { values: [type], isMulti: false }]] : [];
  const out: [string, TContextEntry][] = [];
  if (type) out.push(["aws:principaltype", { values: [type], isMulti: false }]);
  const arn = principalArnOf(p);
  if (arn) out.push(["aws:principalarn", { values: [arn], isMulti: false }]);
  if (p.account && p.type !== "service" && p.type !== "federated")
    out.push(["aws:principalaccount", { values: [p.account], isMulti: false }]);
  if (p.type === "user" && p.userName) out.push(["aws:username", { values: [p.userName], isMulti: false }]);
  out.push(["aws:principalisawsservice", { values: [p.type === "service" ? "true" : "false"], isMulti: false }]);
  return out;
}

function parseUncached(raw: string, principalAccount?: string): TParsedPrincipal {
  const base = { raw, partition: "aws", account: principalAccount, autoContext: [] as [string, TContextEntry][] };
  if (raw === "anonymous" || raw === "*" || raw === "") return { ...base, type: "anonymous", account: undefined };
  if (ACCOUNT_RE.test(raw)) return { ...base, type: "root", account: raw, raw: `arn:aws:iam::${raw}:root` };
  if (!raw.startsWith("arn:")) {
    if (/\.amazonaws\.com(\.cn)?$/.test(raw) && !raw.startsWith("cognito-identity."))
      return { ...base, type: "service" };
    return { ...base, type: "federated" };
  }
  const parts = raw.split(":");
  if (parts.length < 6) return { ...base, type: "unknown" };
  const [, partition, service, , account] = parts;
  const res = parts.slice(5).join(":");
  const acct = account || principalAccount;
  const b = { raw, partition, account: acct, autoContext: [] as [string, TContextEntry][] };
  if (service === "iam") {
    if (res === "root") return { ...b, type: "root" };
    if (res.startsWith("user/")) {
      const segs = res.split("/");
      return { ...b, type: "user", userName: segs[segs.length - 1] };
    }
    if (res.startsWith("role/")) {
      const segs = res.split("/");
      return {
        ...b,
        type: "role",
        roleName: segs[segs.length - 1],
        rolePath:
          "/" +
          segs
            .slice(1, -1)
            .map((s) => s + "/")
            .join(""),
      };
    }
    if (res.startsWith("saml-provider/") || res.startsWith("oidc-provider/")) return { ...b, type: "federated" };
  }
  if (service === "sts") {
    if (res.startsWith("assumed-role/")) {
      const segs = res.split("/");
      return { ...b, type: "assumed-role", roleName: segs[1], sessionName: segs.slice(2).join("/") };
    }
    if (res.startsWith("federated-user/")) return { ...b, type: "federated-user", userName: res.slice(15) };
  }
  return { ...b, type: "unknown" };
}

/** The ARN that `aws:PrincipalArn` carries: the role ARN for a role session. */
export function principalArnOf(p: TParsedPrincipal): string | undefined {
  if (p.type === "assumed-role") return `arn:${p.partition}:iam::${p.account ?? ""}:role/${p.roleName}`;
  if (p.type === "user" || p.type === "role" || p.type === "root" || p.type === "federated-user") return p.raw;
  return undefined;
}

function strings(v: TJsonValue | undefined): string[] {
  if (typeof v === "string") return [v];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === "string");
  return [];
}

/** Compiles a Principal / NotPrincipal element. Tolerates malformed input (it matches nothing). */
export function compilePrincipal(el: TJsonValue | undefined): TCompiledPrincipal {
  const c: TCompiledPrincipal = {
    isAny: false,
    arns: new Set(),
    accounts: new Set(),
    roleKeys: new Set(),
    services: new Set(),
    federated: new Set(),
    canonical: new Set(),
    raw: [],
  };
  if (el === "*") {
    c.isAny = true;
    c.raw.push("*");
    return c;
  }
  if (!el || typeof el !== "object" || Array.isArray(el)) return c;
  for (const [type, value] of Object.entries(el)) {
    for (const s of strings(value)) {
      c.raw.push(`${type}: ${s}`);
      if (type === "AWS") {
        if (s === "*") c.isAny = true;
        else if (ACCOUNT_RE.test(s)) c.accounts.add(s);
        else {
          const m = /^arn:[^:]+:iam::(\d{12}):root$/.exec(s);
          if (m) c.accounts.add(m[1]);
          else {
            c.arns.add(s);
            const r = /^arn:[^:]+:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(s);
            if (r) c.roleKeys.add(r[1] + "|" + r[2]);
          }
        }
      } else if (type === "Service") c.services.add(s);
      else if (type === "Federated") c.federated.add(s);
      else if (type === "CanonicalUser") c.canonical.add(s);
    }
  }
  return c;
}

/**
 * How a Principal element matches the caller:
 * - `direct`: the caller's own ARN (user, session, federated user, service, provider) or the
 *   root user through its account;
 * - `role`: a role session matched through its role ARN;
 * - `account`: the caller's account (delegation to the account's IAM policies);
 * - `wildcard`: `*`;
 * - null: no match.
 */
export type TPrincipalMatch = "direct" | "role" | "account" | "wildcard" | null;

export function matchPrincipal(c: TCompiledPrincipal, p: TParsedPrincipal): TPrincipalMatch {
  switch (p.type) {
    case "anonymous":
      return c.isAny ? "wildcard" : null;
    case "service":
      if (c.services.has(p.raw)) return "direct";
      return c.isAny ? "wildcard" : null;
    case "federated":
      if (c.federated.has(p.raw)) return "direct";
      return c.isAny ? "wildcard" : null;
    case "root":
      if (c.arns.has(p.raw) || (p.account && c.accounts.has(p.account))) return "direct";
      return c.isAny ? "wildcard" : null;
    case "assumed-role":
      if (c.arns.has(p.raw)) return "direct";
      if (p.account && c.roleKeys.has(p.account + "|" + p.roleName)) return "role";
      break;
    default:
      if (c.arns.has(p.raw)) return "direct";
  }
  if (c.isAny) return "wildcard";
  if (p.account && c.accounts.has(p.account)) return "account";
  return null;
}

/**
 * NotPrincipal with Deny: AWS checks the account, then the role, then the session (or the user),
 * and denies unless each of them is listed. So an IAM principal escapes the deny only when its
 * account is listed AND its own ARN (or, for a session, its role or session ARN) is listed; the
 * other users of a listed account stay denied. Services and providers escape when listed.
 */
export function isExemptByNotPrincipal(c: TCompiledPrincipal, p: TParsedPrincipal): boolean {
  if (c.isAny) return true;
  if (p.type === "service") return c.services.has(p.raw);
  if (p.type === "federated") return c.federated.has(p.raw);
  if (p.type === "anonymous" || p.type === "unknown") return false;
  if (p.account === undefined || !c.accounts.has(p.account)) return false;
  if (p.type === "root") return true;
  if (p.type === "assumed-role") return c.arns.has(p.raw) || c.roleKeys.has(p.account + "|" + p.roleName);
  return c.arns.has(p.raw);
}
