// Null: `true` means the key must be absent from the request, `false` that it must be present.
import type { TOperatorFamily } from "./operator";

export const nullFamily: TOperatorFamily = {
  operators: { Null: { isNegated: false } },
  hasVariables: false,
  compileValue(raw) {
    const l = raw.toLowerCase();
    if (l !== "true" && l !== "false") return { ok: false, error: `\`${raw}\` is not \`true\` or \`false\`` };
    // handled specially by the condition evaluator: it tests presence, not values
    return { ok: true, test: () => l === "false" };
  },
};
