// Reading a request once per evaluation: lowercased action, split resource ARN, parsed principal,
// the resource rule. The context map (lowercased keys: condition key names are case-insensitive)
// is built on first use, so requests that reach no condition never pay for it.
import { splitArnInterned } from "./arn-split";
import { parsePrincipal } from "./principal";
import type { TContextEntry, TContextMap, TContextRaw, TPreparedRequest, TRequest, TResourceRule } from "./types";

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
    parts = splitArnInterned(resource);
    if (arnCache.size > 5000) arnCache.clear();
    arnCache.set(resource, parts);
  }
  return parts;
}

// actions repeat across requests: lowercase each distinct action (and find its service) once;
// the lowercased string is then the same object for every request with that action
const actionCache = new Map<string, { lower: string; service: string }>();
function actionInfo(action: string): { lower: string; service: string } {
  let info = actionCache.get(action);
  if (info === undefined) {
    const lower = action.toLowerCase();
    const colon = lower.indexOf(":");
    info = { lower, service: colon < 0 ? lower : lower.slice(0, colon) };
    if (actionCache.size > 5000) actionCache.clear();
    actionCache.set(action, info);
  }
  return info;
}

export function prepareRequest(r: TRequest): TPreparedRequest {
  const action = typeof r.action === "string" ? r.action : "";
  const info = actionInfo(action);
  const lower = info.lower;
  const resource = typeof r.resource === "string" ? r.resource : "";
  const resourceParts = cachedSplit(resource);
  const principal = parsePrincipal(typeof r.principal === "string" ? r.principal : "anonymous", r.principalAccount);
  const resourceAccount =
    r.resourceAccount || (resourceParts !== null && resourceParts[4] !== "" ? resourceParts[4] : undefined);
  return {
    raw: r,
    action,
    lowerAction: lower,
    service: info.service,
    resource,
    resourceParts,
    principal,
    principalAccount: principal.account,
    resourceAccount,
    context: null,
    rule: resourceRuleOf(lower, resourceParts),
  };
}

// condition keys repeat across requests: lowercase each distinct key once, and hand out one
// canonical string per lowercased key (compile uses the same table), so lookups mostly compare
// string identity
const lowerKeys = new Map<string, string>();
const canonical = new Map<string, string>();
export function lowerKey(k: string): string {
  let l = lowerKeys.get(k);
  if (l === undefined) {
    const low = k.toLowerCase();
    l = canonical.get(low);
    if (l === undefined) {
      if (canonical.size > 10000) canonical.clear();
      canonical.set(low, low);
      l = low;
    }
    if (lowerKeys.size > 10000) lowerKeys.clear();
    lowerKeys.set(k, l);
  }
  return l;
}

function toRaw(v: unknown): TContextRaw | null {
  if (typeof v === "string") return v;
  if (Array.isArray(v)) {
    let isAllStrings = true;
    for (let i = 0; i < v.length && isAllStrings; i++) if (typeof v[i] !== "string") isAllStrings = false;
    if (isAllStrings) return v as string[]; // read-only use: no copy needed
    const values: string[] = [];
    for (let i = 0; i < v.length; i++) {
      const s = toStr(v[i]);
      if (s !== null) values.push(s);
    }
    return values;
  }
  return toStr(v);
}

const NO_KEYS: TContextMap = { keys: [], lower: [] };

// Requests built by the same code carry the same context keys in the same order. The last few
// key layouts (keys and their lowercased forms) are kept; a request whose keys are the same
// strings in the same order reuses one, so preparing the context costs an identity comparison
// per key and no allocation. Values are read from the request when a condition asks for them.
const LAYOUTS = 4;
const layouts: TContextMap[] = [];
let lastHit = 0;
let nextSlot = 0;

function isLayoutOf(layout: TContextMap, ctx: object): boolean {
  const keys = layout.keys;
  let j = 0;
  for (const k in ctx) {
    if (j >= keys.length || keys[j] !== k) return false;
    j++;
  }
  return j === keys.length;
}

function buildContext(req: TPreparedRequest): TContextMap {
  const ctx = req.raw.context;
  if (!ctx || typeof ctx !== "object") return NO_KEYS;
  for (let n = 0; n < layouts.length; n++) {
    const i = (lastHit + n) % layouts.length;
    if (isLayoutOf(layouts[i], ctx)) {
      lastHit = i;
      return layouts[i];
    }
  }
  const fresh: TContextMap = { keys: [], lower: [] };
  for (const k in ctx) {
    fresh.keys.push(k);
    fresh.lower.push(lowerKey(k));
  }
  layouts[nextSlot] = fresh;
  lastHit = nextSlot;
  nextSlot = (nextSlot + 1) % LAYOUTS;
  return fresh;
}

/**
 * The request's value for a lowercased condition key: a string (single-valued), a list
 * (multivalued; may be empty) or undefined when absent. Keys are case-insensitive: when several
 * spellings are present the last usable one wins. Values that are not strings, finite numbers or
 * booleans are ignored (a list keeps its usable items). Global keys AWS sets for the principal
 * (aws:PrincipalArn, ...) apply unless the caller gave them.
 */
export function contextValue(req: TPreparedRequest, lkey: string): TContextRaw | undefined {
  let c = req.context;
  if (c === null) c = req.context = buildContext(req);
  const lower = c.lower;
  if (lower.length > 0) {
    const ctx = req.raw.context as Record<string, unknown>;
    for (let i = lower.length - 1; i >= 0; i--)
      if (lower[i] === lkey) {
        const v = toRaw(ctx[c.keys[i]]);
        if (v !== null) return v;
      }
  }
  const auto = req.principal.autoContext;
  for (let i = 0; i < auto.length; i++) if (auto[i][0] === lkey) return auto[i][1].values[0];
  // KMS puts the caller's account in every request it authorizes.
  if (lkey === "kms:calleraccount" && req.lowerAction.startsWith("kms:") && req.principalAccount)
    return req.principalAccount;
  return undefined;
}

/** The request's value(s) for a lowercased condition key. */
export function contextEntry(req: TPreparedRequest, lkey: string): TContextEntry | undefined {
  const v = contextValue(req, lkey);
  if (v === undefined) return undefined;
  return typeof v === "string" ? { values: [v], isMulti: false } : { values: v, isMulti: true };
}
