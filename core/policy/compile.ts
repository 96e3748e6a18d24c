// Stage 3: compile a policy once (wildcards to matchers, CIDRs and dates parsed, variables split)
// so evaluate never re-reads the JSON. INVARIANT: input should have passed validation; anything
// malformed that slips through is compiled to a statement that matches nothing, never a throw.
import { compileConditionProgram, parseOperatorName } from "./conditions/index";
import { compileActionList, compileArnPattern } from "./matchers";
import { splitArn } from "./arn-split";
import { compilePrincipal } from "./principal";
import { hasVariableParts, parseTemplate } from "./variables";
import { pointerSegment } from "./json-parser";
import { lowerKey } from "./request";
import type {
  TAnyPolicy,
  TCompiledCondition,
  TCompiledPolicy,
  TCompiledResource,
  TCompiledStatement,
  TJsonValue,
  TParsedPolicy,
  TPolicyDocument,
  TPolicyKind,
  TRange,
} from "./types";

const NEVER = () => false;

export function isCompiledPolicy(p: unknown): p is TCompiledPolicy {
  return typeof p === "object" && p !== null && (p as TCompiledPolicy).isCompiled === true;
}

function isParsedPolicy(p: unknown): p is TParsedPolicy {
  return typeof p === "object" && p !== null && "document" in p && "ranges" in p && "kind" in p;
}

function toStrings(v: TJsonValue | undefined): string[] | null {
  if (typeof v === "string") return [v];
  if (Array.isArray(v)) {
    const out: string[] = [];
    for (const x of v) if (typeof x === "string") out.push(x);
    return out;
  }
  return null;
}

function conditionValues(v: TJsonValue): string[] {
  const list = Array.isArray(v) ? v : [v];
  const out: string[] = [];
  for (const x of list) {
    if (typeof x === "string") out.push(x);
    else if (typeof x === "number" || typeof x === "boolean") out.push(String(x));
  }
  return out;
}

function listText(xs: string[], max = 4): string {
  const shown = xs.slice(0, max).map((x) => `\`${x}\``);
  return shown.join(", ") + (xs.length > max ? ` and ${xs.length - max} more` : "");
}

/** Services a statement can match, or null when it can match any service. */
function servicesOf(st: TCompiledStatement): Set<string> | null {
  if (st.isNotAction) return null;
  const out = new Set<string>();
  for (const a of st.actions) {
    const colon = a.indexOf(":");
    const svc = colon < 0 ? a.toLowerCase() : a.slice(0, colon).toLowerCase();
    if (colon < 0 || svc.includes("*") || svc.includes("?")) return null;
    out.add(svc);
  }
  return out;
}

function indexByService(statements: TCompiledStatement[]): {
  byService: Map<string, TCompiledStatement[]>;
  anyService: TCompiledStatement[];
} {
  const byService = new Map<string, TCompiledStatement[]>();
  const anyService: TCompiledStatement[] = [];
  const sets = statements.map(servicesOf);
  for (const set of sets) if (set) for (const svc of set) byService.set(svc, []);
  statements.forEach((st, i) => {
    const set = sets[i];
    if (!set) {
      anyService.push(st);
      for (const list of byService.values()) list.push(st);
    } else for (const svc of set) byService.get(svc)!.push(st);
  });
  return { byService, anyService };
}

/**
 * The literal start of the resource part (6th ARN segment) every match must have, for a quick
 * reject before the full matcher; "" when the pattern is not an ARN or starts that part with a
 * wildcard.
 */
function resourceTail(pattern: string): string {
  const pp = splitArn(pattern);
  if (!pp) return "";
  const seg = pp[5];
  let w = 0;
  while (w < seg.length && seg[w] !== "*" && seg[w] !== "?") w++;
  return seg.slice(0, w);
}

function compileResource(raw: string, hasVariables: boolean): TCompiledResource {
  if (hasVariables && raw.includes("${")) {
    const parts = parseTemplate(raw, true, true);
    if (hasVariableParts(parts)) return { raw, parts, tail: "" };
    // only escapes: resolve them now
    const text = parts.map((p) => (p.t === "lit" ? p.v : p.t === "star" ? "*" : "?")).join("");
    if (!parts.some((p) => p.t === "lit" && /[*?]/.test(p.v)))
      return { raw, match: compileArnPattern(text), tail: resourceTail(text) };
    return { raw, parts, tail: "" };
  }
  return { raw, match: compileArnPattern(raw), tail: resourceTail(raw) };
}

function compileStatement(
  st: TJsonValue,
  index: number,
  hasVariables: boolean,
  ranges: Record<string, TRange> | null,
  base: string,
): TCompiledStatement | null {
  if (!st || typeof st !== "object" || Array.isArray(st)) return null;
  const effect = st.Effect === "Allow" || st.Effect === "Deny" ? st.Effect : null;
  if (!effect) return null;
  const isNotAction = st.NotAction !== undefined && st.Action === undefined;
  const actions = toStrings(isNotAction ? st.NotAction : st.Action) ?? [];
  const actionTest = actions.length ? compileActionList(actions) : NEVER;
  const isNotResource = st.NotResource !== undefined && st.Resource === undefined;
  const resEl = isNotResource ? st.NotResource : st.Resource;
  const hasResource = resEl !== undefined;
  const resources = (toStrings(resEl) ?? []).map((r) => compileResource(r, hasVariables));
  const isNotPrincipal = st.NotPrincipal !== undefined && st.Principal === undefined;
  const prEl = isNotPrincipal ? st.NotPrincipal : st.Principal;
  const principal = prEl !== undefined ? compilePrincipal(prEl) : undefined;
  const conditions: TCompiledCondition[] = [];
  let isBroken = false;
  if (st.Condition !== undefined) {
    const cond = st.Condition;
    if (!cond || typeof cond !== "object" || Array.isArray(cond)) isBroken = true;
    else
      for (const [op, block] of Object.entries(cond)) {
        const info = parseOperatorName(op);
        if (!info || !block || typeof block !== "object" || Array.isArray(block)) {
          isBroken = true;
          continue;
        }
        for (const [key, v] of Object.entries(block)) {
          const values = conditionValues(v);
          const { program } = compileConditionProgram(info, key, values, hasVariables);
          if (!program) {
            isBroken = true;
            continue;
          }
          conditions.push({
            operator: op,
            key,
            values,
            valuesText: listText(values),
            lkey: lowerKey(key),
            program,
            range: ranges?.[`${base}/Condition/${pointerSegment(op)}/${pointerSegment(key)}`],
          });
        }
      }
  }
  return {
    index,
    sid: typeof st.Sid === "string" ? st.Sid : undefined,
    effect,
    isNotAction,
    actionTest: isBroken ? NEVER : actionTest,
    actions,
    actionText: listText(actions),
    actionMissText: isNotAction
      ? "` is excluded by NotAction " + listText(actions)
      : actions.length
        ? "` is not matched by " + listText(actions)
        : "",
    resourceText: listText(resources.map((r) => r.raw)),
    isNotResource,
    hasResource,
    resources,
    principal,
    isNotPrincipal,
    conditions,
    range: ranges?.[base],
  };
}

/**
 * Compiles a policy document (or the result of parsePolicy, whose statements then carry their
 * source ranges) into the reusable form evaluate runs on.
 */
export function compilePolicyInternal(policy: TPolicyDocument | TParsedPolicy, kind?: TPolicyKind): TCompiledPolicy {
  const parsed = isParsedPolicy(policy) ? policy : null;
  const doc: TPolicyDocument = parsed ? parsed.document : (policy as TPolicyDocument);
  const ranges = parsed ? parsed.ranges : null;
  const hasVariables = doc && typeof doc === "object" && doc.Version === "2012-10-17";
  const statements: TCompiledStatement[] = [];
  const el = doc && typeof doc === "object" ? doc.Statement : undefined;
  if (Array.isArray(el)) {
    for (let i = 0; i < el.length; i++) {
      const s = compileStatement(el[i], i, hasVariables, ranges, `/Statement/${i}`);
      if (s) statements.push(s);
    }
  } else if (el && typeof el === "object") {
    const s = compileStatement(el, 0, hasVariables, ranges, "/Statement");
    if (s) statements.push(s);
  }
  return {
    isCompiled: true,
    kind: parsed?.kind ?? kind,
    hasVariables,
    statements,
    ...indexByService(statements),
    actionPlans: new Map(),
  };
}

const cache = new WeakMap<object, TCompiledPolicy>();

/** Compiled form of any accepted policy shape, memoised per object. */
export function toCompiled(p: TAnyPolicy): TCompiledPolicy {
  if (isCompiledPolicy(p)) return p;
  if (!p || typeof p !== "object")
    return {
      isCompiled: true,
      hasVariables: false,
      statements: [],
      byService: new Map(),
      anyService: [],
      actionPlans: new Map(),
    };
  let c = cache.get(p);
  if (!c) {
    c = compilePolicyInternal(p as TPolicyDocument | TParsedPolicy);
    cache.set(p, c);
  }
  return c;
}
