// BinaryEquals: compares base64-encoded values byte for byte (as their base64 text).
import type { TOperatorFamily } from "./operator";

const B64_RE = /^[A-Za-z0-9+/]*={0,2}$/;

export const binaryFamily: TOperatorFamily = {
  operators: { BinaryEquals: { isNegated: false } },
  hasVariables: false,
  compileValue(raw) {
    if (!B64_RE.test(raw) || raw.length % 4 !== 0) return { ok: false, error: `\`${raw}\` is not base64` };
    return { ok: true, test: (v) => v === raw };
  },
};
