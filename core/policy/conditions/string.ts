// String operators: StringEquals, StringNotEquals, StringEqualsIgnoreCase,
// StringNotEqualsIgnoreCase, StringLike, StringNotLike. Values may hold policy variables;
// only the Like forms treat `*` and `?` as wildcards.
import { compileGlob, maskedGlob } from "../matchers";
import { parseTemplate, hasVariableParts, resolveTemplate } from "../variables";
import type { TOperatorFamily, TCompiledValue } from "./operator";
import type { TTemplatePart } from "../types";

export const stringFamily: TOperatorFamily = {
  operators: {
    StringEquals: { isNegated: false },
    StringNotEquals: { isNegated: true },
    StringEqualsIgnoreCase: { isNegated: false },
    StringNotEqualsIgnoreCase: { isNegated: true },
    StringLike: { isNegated: false },
    StringNotLike: { isNegated: true },
  },
  hasVariables: true,
  compileValue(raw: string, operator: string, _parts: TTemplatePart[] | null): TCompiledValue {
    const isLike = operator === "StringLike" || operator === "StringNotLike";
    const ignoreCase = operator.endsWith("IgnoreCase");
    const parts = _parts ? parseTemplate(raw, true, isLike) : null;
    if (parts && hasVariableParts(parts)) {
      return {
        ok: true,
        test: (v, req) => {
          const r = resolveTemplate(parts, req);
          return r !== null && maskedGlob(r.text, r.mask, v, ignoreCase);
        },
      };
    }
    // no variables: escapes like ${*} are already literal in `parts`
    if (isLike) {
      if (parts && parts.some((p) => p.t === "lit" && (p.v.includes("*") || p.v.includes("?")))) {
        const r = resolveTemplate(parts, null);
        if (r) return { ok: true, test: (v) => maskedGlob(r.text, r.mask, v, false) };
      }
      const text = parts ? parts.map((p) => (p.t === "lit" ? p.v : p.t === "star" ? "*" : "?")).join("") : raw;
      const g = compileGlob(text, false);
      return { ok: true, test: (v) => g(v) };
    }
    const text = parts ? parts.map((p) => (p.t === "lit" ? p.v : "")).join("") : raw;
    if (ignoreCase) {
      const l = text.toLowerCase();
      return { ok: true, test: (v) => v.toLowerCase() === l };
    }
    return { ok: true, test: (v) => v === text };
  },
};
