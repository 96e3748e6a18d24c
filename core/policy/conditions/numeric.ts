// Numeric operators: NumericEquals, NumericNotEquals, NumericLessThan, NumericLessThanEquals,
// NumericGreaterThan, NumericGreaterThanEquals. Policy values must be numbers; a request value
// that is not a number never matches.
import type { TOperatorFamily } from "./operator";

const NUM_RE = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;

export function parseNumber(s: string): number | null {
  if (!NUM_RE.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

const CMP: Record<string, (a: number, b: number) => boolean> = {
  NumericEquals: (a, b) => a === b,
  NumericNotEquals: (a, b) => a === b,
  NumericLessThan: (a, b) => a < b,
  NumericLessThanEquals: (a, b) => a <= b,
  NumericGreaterThan: (a, b) => a > b,
  NumericGreaterThanEquals: (a, b) => a >= b,
};

export const numericFamily: TOperatorFamily = {
  operators: {
    NumericEquals: { isNegated: false },
    NumericNotEquals: { isNegated: true },
    NumericLessThan: { isNegated: false },
    NumericLessThanEquals: { isNegated: false },
    NumericGreaterThan: { isNegated: false },
    NumericGreaterThanEquals: { isNegated: false },
  },
  hasVariables: false,
  compileValue(raw, operator) {
    const p = parseNumber(raw);
    if (p === null) return { ok: false, error: `\`${raw}\` is not a number` };
    const cmp = CMP[operator];
    return {
      ok: true,
      test: (v) => {
        const n = parseNumber(v);
        return n !== null && cmp(n, p);
      },
    };
  },
};
