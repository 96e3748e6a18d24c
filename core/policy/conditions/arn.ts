// ARN operators: ArnEquals, ArnLike, ArnNotEquals, ArnNotLike. AWS documents ArnEquals and
// ArnLike identically: each of the six colon-separated parts is matched on its own, with `*` and
// `?` wildcards, case-sensitively.
import { compileArnPattern, matchArnTemplate as matchArnTemplateImported } from "../matchers";
import { splitArn as splitArnImported } from "../arn-split";
import { parseTemplate, hasVariableParts } from "../variables";
import type { TOperatorFamily } from "./operator";

// module-local aliases: tsx's CommonJS interop makes each call of an imported function costly
const matchArnTemplate = matchArnTemplateImported;
const splitArn = splitArnImported;

export const arnFamily: TOperatorFamily = {
  operators: {
    ArnEquals: { isNegated: false },
    ArnLike: { isNegated: false },
    ArnNotEquals: { isNegated: true },
    ArnNotLike: { isNegated: true },
  },
  hasVariables: true,
  compileValue(raw, _operator, parts) {
    if (raw !== "*" && !raw.startsWith("arn:") && !raw.includes("${")) {
      return { ok: false, error: `\`${raw}\` is not an ARN` };
    }
    if (parts) {
      const tp = parseTemplate(raw, true, true);
      if (hasVariableParts(tp)) return { ok: true, test: (v, req) => matchArnTemplate(tp, req, v, splitArn(v)) };
    }
    const m = compileArnPattern(raw);
    return { ok: true, test: (v) => m(v, splitArn(v)) };
  },
};
