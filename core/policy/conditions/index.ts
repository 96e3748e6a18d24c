// Condition operator registry and the evaluation rules shared by every family: IfExists,
// ForAllValues / ForAnyValue, negated operators, missing keys. Several values under one key are
// ORed; several keys and operators in one block are ANDed (by the statement evaluator).
import type { TPreparedRequest } from "../types";
import { contextValue as contextValueImported, lowerKey } from "../request";

// module-local alias: tsx's CommonJS interop makes each call of an imported function costly
const contextValue = contextValueImported;
import type { TOperatorFamily, TValueTest } from "./operator";
import { stringFamily } from "./string";
import { numericFamily } from "./numeric";
import { dateFamily } from "./date";
import { boolFamily } from "./bool";
import { binaryFamily } from "./binary";
import { ipFamily } from "./ip";
import { arnFamily } from "./arn";
import { nullFamily } from "./null";

export const FAMILIES: TOperatorFamily[] = [
  stringFamily,
  numericFamily,
  dateFamily,
  boolFamily,
  binaryFamily,
  ipFamily,
  arnFamily,
  nullFamily,
];

const BY_NAME = new Map<string, { name: string; family: TOperatorFamily; isNegated: boolean }>();
for (const f of FAMILIES)
  for (const [name, o] of Object.entries(f.operators))
    BY_NAME.set(name.toLowerCase(), { name, family: f, isNegated: o.isNegated });

export interface TOperatorInfo {
  /** canonical base name, e.g. `StringLike` */
  base: string;
  family: TOperatorFamily;
  isNegated: boolean;
  isIfExists: boolean;
  setOperator: "ForAllValues" | "ForAnyValue" | null;
  isNull: boolean;
}

/** Reads `ForAnyValue:StringLikeIfExists` into its parts, or null for an unknown operator. */
export function parseOperatorName(name: string): TOperatorInfo | null {
  let rest = name;
  let setOperator: TOperatorInfo["setOperator"] = null;
  const lower = name.toLowerCase();
  if (lower.startsWith("forallvalues:")) {
    setOperator = "ForAllValues";
    rest = name.slice(13);
  } else if (lower.startsWith("foranyvalue:")) {
    setOperator = "ForAnyValue";
    rest = name.slice(12);
  }
  let isIfExists = false;
  let hit = BY_NAME.get(rest.toLowerCase());
  if (!hit && rest.toLowerCase().endsWith("ifexists")) {
    hit = BY_NAME.get(rest.slice(0, -8).toLowerCase());
    isIfExists = true;
  }
  if (!hit) return null;
  if (hit.name === "Null" && isIfExists) return null;
  return {
    base: hit.name,
    family: hit.family,
    isNegated: hit.isNegated,
    isIfExists,
    setOperator,
    isNull: hit.name === "Null",
  };
}

export interface TConditionProgram {
  info: TOperatorInfo;
  lkey: string;
  tests: TValueTest[];
  /** for Null: whether any value is `true` / `false` */
  nullWants?: { absent: boolean; present: boolean };
}

/** Compiles one (operator, key, values) triple; errors name the invalid value. */
export function compileConditionProgram(
  info: TOperatorInfo,
  key: string,
  values: string[],
  hasVariables: boolean,
): { program?: TConditionProgram; errors: string[] } {
  const errors: string[] = [];
  const tests: TValueTest[] = [];
  let absent = false;
  let present = false;
  for (const v of values) {
    const c = info.family.compileValue(v, info.base, hasVariables && info.family.hasVariables ? [] : null);
    if (!c.ok) errors.push(c.error);
    else tests.push(c.test);
    if (info.isNull) {
      if (v.toLowerCase() === "true") absent = true;
      else present = true;
    }
  }
  if (errors.length) return { errors };
  return {
    program: { info, lkey: lowerKey(key), tests, nullWants: info.isNull ? { absent, present } : undefined },
    errors,
  };
}

function anyPolicyValue(tests: TValueTest[], v: string, req: TPreparedRequest): boolean {
  for (let i = 0; i < tests.length; i++) if (tests[i](v, req)) return true;
  return false;
}

/** Evaluates a compiled condition against a request. */
export function runCondition(p: TConditionProgram, req: TPreparedRequest): boolean {
  const raw = contextValue(req, p.lkey);
  const info = p.info;
  // an empty string is a value; an empty list is a missing key
  const isMissing = raw === undefined || (typeof raw !== "string" && raw.length === 0);
  if (info.isNull) {
    const w = p.nullWants!;
    return (w.absent && isMissing) || (w.present && !isMissing);
  }
  if (isMissing) {
    if (info.setOperator === "ForAllValues") return true;
    if (info.setOperator === "ForAnyValue") return info.isIfExists;
    return info.isIfExists || info.isNegated;
  }
  if (typeof raw === "string") {
    // one value: ForAllValues, ForAnyValue and the plain form all reduce to the same test
    const m = anyPolicyValue(p.tests, raw, req);
    return info.isNegated ? !m : m;
  }
  const values = raw!;
  if (info.setOperator === "ForAllValues") {
    for (let i = 0; i < values.length; i++) {
      const m = anyPolicyValue(p.tests, values[i], req);
      if (info.isNegated ? m : !m) return false;
    }
    return true;
  }
  if (info.setOperator === "ForAnyValue") {
    for (let i = 0; i < values.length; i++) {
      const m = anyPolicyValue(p.tests, values[i], req);
      if (info.isNegated ? !m : m) return true;
    }
    return false;
  }
  let m = false;
  for (let i = 0; i < values.length; i++) {
    if (anyPolicyValue(p.tests, values[i], req)) {
      m = true;
      break;
    }
  }
  return info.isNegated ? !m : m;
}
