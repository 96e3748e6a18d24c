// Reading a request once per evaluation: lowercased action, split resource ARN, parsed principal,
// context with lowercased keys (condition key names are case-insensitive), the resource rule.
import { splitArn } from "./matchers";
import { parsePrincipal, principalArnOf } from "./principal";
import type { TContextEntry, TPreparedRequest, TRequest, TResourceRule } from "./types";

const TRUST_ACTIONS = new Set([
  "sts:assumerole",
  "sts:assumerolewithsaml",
  "sts:assumerolewithwebidentity",
  "sts:tagsession",
  "sts:setsourceidentity",
  "sts:setcontext",
]);

function toStr(v: unknown): string | null {
  if (typeof v === "string") return v;
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  return null;
}

/**
 * Which resource-policy rule applies: `kms:*` on a key ARN -> the key policy rule; an
 * `sts:AssumeRole*` (or session tagging) action on a role ARN -> the trust policy rule.
 */
export function resourceRuleOf(lowerAction: string, parts: string[] | null): TResourceRule {
  if (!parts) return "generic";
  if (parts[2] === "kms" && lowerAction.startsWith("kms:") && parts[5].startsWith("key/")) return "kms-key";
  if (parts[2] === "iam" && parts[5].startsWith("role/") && TRUST_ACTIONS.has(lowerAction)) return "role-trust";
  return "generic";
}

export function prepareRequest(r: TRequest): TPreparedRequest {
  const action = typeof r.action === "string" ? r.action : "";
  const lowerAction = action.toLowerCase();
  const resource = typeof r.resource === "string" ? r.resource : "";
  const resourceParts = splitArn(resource);
  const principal = parsePrincipal(typeof r.principal === "string" ? r.principal : "anonymous", r.principalAccount);
  const principalAccount = principal.account;
  const resourceAccount = r.resourceAccount || (resourceParts && resourceParts[4] ? resourceParts[4] : undefined);
  const context = new Map<string, TContextEntry>();
  const ctx = r.context;
  if (ctx && typeof ctx === "object") {
    for (const k in ctx) {
      const v = ctx[k];
      let entry: TContextEntry | null = null;
      if (Array.isArray(v)) {
        const values: string[] = [];
        for (const x of v) {
          const s = toStr(x);
          if (s !== null) values.push(s);
        }
        entry = { values, isMulti: true };
      } else {
        const s = toStr(v);
        if (s !== null) entry = { values: [s], isMulti: false };
      }
      if (entry) context.set(k.toLowerCase(), entry);
    }
  }
  // global keys AWS always sets for a signed request, unless the caller gave them
  if (principal.type !== "anonymous") {
    const arn = principalArnOf(principal);
    if (arn && !context.has("aws:principalarn")) context.set("aws:principalarn", { values: [arn], isMulti: false });
    if (principalAccount && principal.type !== "service" && principal.type !== "federated" && !context.has("aws:principalaccount"))
      context.set("aws:principalaccount", { values: [principalAccount], isMulti: false });
    if (principal.type === "user" && !context.has("aws:username")) context.set("aws:username", { values: [principal.userName!], isMulti: false });
    if (!context.has("aws:principalisawsservice"))
      context.set("aws:principalisawsservice", { values: [principal.type === "service" ? "true" : "false"], isMulti: false });
  }
  return {
    raw: r,
    action,
    lowerAction,
    resource,
    resourceParts,
    principal,
    principalAccount,
    resourceAccount,
    context,
    rule: resourceRuleOf(lowerAction, resourceParts),
  };
}
