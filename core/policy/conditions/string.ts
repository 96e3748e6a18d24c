// String operators: StringEquals, StringNotEquals, StringEqualsIgnoreCase,
// StringNotEqualsIgnoreCase, StringLike, StringNotLike. Values may hold policy variables;
// only the Like forms treat `*` and `?` as wildcards.
import { compileGlob, maskedGlob as maskedGlobImported } from "../matchers";
import {
  parseTemplate,
  hasVariableParts,
  resolveTemplate as resolveTemplateImported,
  resolveText as resolveTextImported,
  matchesTextParts as matchesTextPartsImported,
} from "../variables";
import type { TOperatorFamily, TCompiledValue } from "./operator";
import type { TTemplatePart } from "../types";

// module-local aliases: tsx's CommonJS interop makes each call of an imported function costly
const maskedGlob = maskedGlobImported;
const resolveTemplate = resolveTemplateImported;
const resolveText = resolveTextImported;
const matchesTextParts = matchesTextPartsImported;

function isWild(p: TTemplatePart): boolean {
  return p.t === "star" || p.t === "q";
}

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
      // common shapes resolved to plain text (no mask, no glob): no wildcard, or one trailing `*`
      const wilds = parts.filter(isWild).length;
      if (wilds === 0) {
        if (ignoreCase)
          return {
            ok: true,
            test: (v, req) => {
              const t = resolveText(parts, req);
              return t !== null && t.toLowerCase() === v.toLowerCase();
            },
          };
        return { ok: true, test: (v, req) => matchesTextParts(parts, req, v, true) };
      }
      if (wilds === 1 && parts[parts.length - 1].t === "star" && !ignoreCase) {
        const head = parts.slice(0, -1);
        return { ok: true, test: (v, req) => matchesTextParts(head, req, v, false) };
      }
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
