// Stage 4a: does one compiled statement apply to a prepared request? A fast boolean path for the
// decision, and a slower path that says why not, for explain.
import { runCondition as runConditionImported, type TConditionProgram } from "./conditions/index";
import { matchArnTemplate as matchArnTemplateImported } from "./matchers";
import { contextEntry as contextEntryImported } from "./request";
import {
  isExemptByNotPrincipal as isExemptImported,
  matchPrincipal as matchPrincipalImported,
  type TPrincipalMatch,
} from "./principal";
import type { TCompiledStatement, TMismatch, TPreparedRequest } from "./types";

// module-local aliases: tsx runs these modules as CommonJS, where each call of an imported
// function goes through a getter chain (~40 ns); the per-statement path calls these instead
const runCondition = runConditionImported;
const matchArnTemplate = matchArnTemplateImported;
const contextEntry = contextEntryImported;
const isExemptByNotPrincipal = isExemptImported;
const matchPrincipal = matchPrincipalImported;

/** How the Principal element is treated for a policy type. */
export type TPrincipalMode = "ignore" | "resource" | "rcp";

export function actionMatches(st: TCompiledStatement, req: TPreparedRequest): boolean {
  const m = st.actionTest(req.lowerAction);
  return st.isNotAction ? !m : m;
}

/** `value.startsWith(prefix)`, compared from the end (resource names of a policy share their start). */
function startsWithBackward(value: string, prefix: string): boolean {
  let n = prefix.length;
  if (value.length < n) return false;
  while (n-- > 0) if (value.charCodeAt(n) !== prefix.charCodeAt(n)) return false;
  return true;
}

export function resourceMatches(st: TCompiledStatement, req: TPreparedRequest): boolean {
  if (!st.hasResource) return true;
  let m = false;
  const rs = st.resources;
  const parts = req.resourceParts;
  for (let i = 0; i < rs.length; i++) {
    const r = rs[i];
    // quick reject on the resource part before calling the matcher
    const tail = r.tail;
    if (parts !== null && tail !== undefined && tail.length > 0 && !startsWithBackward(parts[5], tail)) continue;
    if (r.match ? r.match(req.resource, parts) : matchArnTemplate(r.parts!, req, req.resource, parts)) {
      m = true;
      break;
    }
  }
  return st.isNotResource ? !m : m;
}

/** The principal match kind, or null when the statement does not cover the caller. */
export function principalMatches(
  st: TCompiledStatement,
  req: TPreparedRequest,
  mode: TPrincipalMode,
  hasBoundary: boolean,
): TPrincipalMatch {
  if (mode === "ignore") return "direct";
  const pr = st.principal;
  if (!pr) return mode === "rcp" ? "wildcard" : null;
  if (st.isNotPrincipal) {
    const p = req.principal;
    // AWS: a Deny with NotPrincipal always denies an IAM principal that has a permissions boundary
    const isIam = p.type === "user" || p.type === "role" || p.type === "assumed-role";
    if (hasBoundary && isIam) return "wildcard";
    return isExemptByNotPrincipal(pr, p) ? null : "wildcard";
  }
  return matchPrincipal(pr, req.principal);
}

export function conditionsMatch(st: TCompiledStatement, req: TPreparedRequest): boolean {
  const cs = st.conditions;
  for (let i = 0; i < cs.length; i++) if (!runCondition(cs[i].program as TConditionProgram, req)) return false;
  return true;
}

function list(xs: string[], max = 4): string {
  const shown = xs.slice(0, max).map((x) => `\`${x}\``);
  return shown.join(", ") + (xs.length > max ? ` and ${xs.length - max} more` : "");
}

/** The message for an action the statement's Action / NotAction does not cover. */
export function actionMismatchMessage(st: TCompiledStatement, action: string): string {
  if (!st.isNotAction && !st.actions.length) return "the statement has no usable Action";
  const tail =
    st.actionMissText ?? (st.isNotAction ? "` is excluded by NotAction " : "` is not matched by ") + st.actionText;
  return "action `" + action + tail;
}

/** The first reason a statement does not apply, or null when it applies. */
export function firstMismatch(
  st: TCompiledStatement,
  req: TPreparedRequest,
  mode: TPrincipalMode,
  hasBoundary: boolean,
): TMismatch | null {
  if (!actionMatches(st, req)) return { kind: "action", message: actionMismatchMessage(st, req.action) };
  return mismatchAfterAction(st, req, mode, hasBoundary);
}

/** firstMismatch for a statement whose action is known to match. */
export function mismatchAfterAction(
  st: TCompiledStatement,
  req: TPreparedRequest,
  mode: TPrincipalMode,
  hasBoundary: boolean,
): TMismatch | null {
  if (!resourceMatches(st, req)) {
    return {
      kind: "resource",
      message: st.isNotResource
        ? "resource `" + req.resource + "` is excluded by NotResource " + st.resourceText
        : "resource `" + req.resource + "` is not matched by " + st.resourceText,
    };
  }
  if (principalMatches(st, req, mode, hasBoundary) === null) {
    const raws = st.principal?.raw ?? [];
    return {
      kind: "principal",
      message: st.isNotPrincipal
        ? `principal \`${req.principal.raw}\` is exempted by NotPrincipal ${list(raws)}`
        : st.principal
          ? `principal \`${req.principal.raw}\` is not matched by Principal ${list(raws)}`
          : `the statement has no Principal, so it names no one`,
    };
  }
  const cs = st.conditions;
  for (let i = 0; i < cs.length; i++) {
    const c = cs[i];
    if (runCondition(c.program as TConditionProgram, req)) continue;
    const entry = contextEntry(req, c.lkey ?? c.key.toLowerCase());
    const expects = c.valuesText ?? list(c.values);
    const isKeyMissing = !entry || entry.values.length === 0;
    const requestValues = isKeyMissing ? null : entry.values.slice();
    return {
      kind: "condition",
      operator: c.operator,
      key: c.key,
      policyValues: c.values,
      requestValues,
      isKeyMissing,
      range: c.range,
      message: isKeyMissing
        ? "condition `" +
          c.operator +
          "` on `" +
          c.key +
          "` failed: the key is missing from the request (policy expects " +
          expects +
          ")"
        : "condition `" +
          c.operator +
          "` on `" +
          c.key +
          "` failed: the request has " +
          list(requestValues!) +
          ", the policy expects " +
          expects,
    };
  }
  return null;
}
