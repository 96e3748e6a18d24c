// Reading a request once per evaluation: lowercased action, split resource ARN, parsed principal,
// the resource rule. The context map (lowercased keys: condition key names are case-insensitive)
// is built on first use, so requests that reach no condition never pay for it.
import { splitArn } from "./arn-split";
import { parsePrincipal } from "./principal";
import type { TContextEntry, TContextRaw, TPreparedRequest, TRequest, TResourceRule } from "./types";

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
  if (parts[2] === "kms" && parts[5].startsWith("key/") && lowerAction.startsWith("kms:")) return "kms-key";
  if (parts[2] === "iam" && parts[5].startsWith("role/") && TRUST_ACTIONS.has(lowerAction)) return "role-trust";
  return "generic";
}

const arnCache = new Map<string, string[] | null>();
function cachedSplit(resource: string): string[] | null {
  let parts = arnCache.get(resource);
  if (parts === undefined) {
    parts = splitArn(resource);
    if (arnCache.size > 5000) arnCache.clear();
    arnCache.set(resource, parts);
  }
  return parts;
}

export function prepareRequest(r: TRequest): TPreparedRequest {
  const action = typeof r.action === "string" ? r.action : "";
  const lowerAction = action.toLowerCase();
  const colon = lowerAction.indexOf(":");
  const resource = typeof r.resource === "string" ? r.resource : "";
  const resourceParts = cachedSplit(resource);
  const principal = parsePrincipal(typeof r.principal === "string" ? r.principal : "anonymous", r.principalAccount);
  const resourceAccount = r.resourceAccount || (resourceParts !== null && resourceParts[4] !== "" ? resourceParts[4] : undefined);
  return {
    raw: r,
    action,
    lowerAction,
    service: colon < 0 ? lowerAction : lowerAction.slice(0, colon),
    resource,
    resourceParts,
    principal,
    principalAccount: principal.account,
    resourceAccount,
    context: null,
    rule: resourceRuleOf(lowerAction, resourceParts),
  };
}

// condition keys repeat across requests: lowercase each distinct key once
const lowerKeys = new Map<string, string>();
function lowerKey(k: string): string {
  let l = lowerKeys.get(k);
  if (l === undefined) {
    l = k.toLowerCase();
    if (lowerKeys.size > 10000) lowerKeys.clear();
    lowerKeys.set(k, l);
  }
  return l;
}

/**
 * lowercased key -> a string (single-valued key) or a list of strings (multivalued key). Values
 * that are not strings, finite numbers or booleans are dropped; a list keeps its usable items.
 */
function buildContext(req: TPreparedRequest): Map<string, TContextRaw> {
  const context = new Map<string, TContextRaw>();
  const ctx = req.raw.context;
  if (ctx && typeof ctx === "object") {
    for (const k in ctx) {
      const v = ctx[k];
      if (typeof v === "string") context.set(lowerKey(k), v);
      else if (Array.isArray(v)) {
        const values: string[] = [];
        for (let i = 0; i < v.length; i++) {
          const s = toStr(v[i]);
          if (s !== null) values.push(s);
        }
        context.set(lowerKey(k), values);
      } else {
        const s = toStr(v);
        if (s !== null) context.set(lowerKey(k), s);
      }
    }
  }
  // global keys AWS always sets for a signed request, unless the caller gave them
  const auto = req.principal.autoContext;
  for (let i = 0; i < auto.length; i++) if (!context.has(auto[i][0])) context.set(auto[i][0], auto[i][1].values[0]);
  return context;
}

/**
 * The request's raw value for a lowercased condition key: a string (single-valued), a list
 * (multivalued; may be empty) or undefined when absent. The map is built on first use.
 */
export function contextValue(req: TPreparedRequest, lkey: string): TContextRaw | undefined {
  let c = req.context;
  if (c === null) c = req.context = buildContext(req);
  return c.get(lkey);
}

/** The request's value(s) for a lowercased condition key. */
export function contextEntry(req: TPreparedRequest, lkey: string): TContextEntry | undefined {
  const v = contextValue(req, lkey);
  if (v === undefined) return undefined;
  return typeof v === "string" ? { values: [v], isMulti: false } : { values: v, isMulti: true };
}
