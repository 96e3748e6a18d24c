// Bool: the policy value is `true` or `false`; request values come as strings or booleans.
import type { TOperatorFamily } from "./operator";

export const boolFamily: TOperatorFamily = {
  operators: { Bool: { isNegated: false } },
  hasVariables: false,
  compileValue(raw) {
    const l = raw.toLowerCase();
    if (l !== "true" && l !== "false") return { ok: false, error: `\`${raw}\` is not \`true\` or \`false\`` };
    return { ok: true, test: (v) => v.toLowerCase() === l };
  },
};
