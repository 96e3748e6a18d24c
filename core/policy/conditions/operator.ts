// The small interface every condition operator family implements (one file per family).
import type { TPreparedRequest, TTemplatePart } from "../types";

/** Tests one request value against one policy value; `req` resolves policy variables. */
export type TValueTest = (requestValue: string, req: TPreparedRequest) => boolean;

export type TCompiledValue = { ok: true; test: TValueTest } | { ok: false; error: string };

export interface TOperatorFamily {
  /** base operator name (no IfExists, no set prefix) -> whether it is the negated form */
  operators: Record<string, { isNegated: boolean }>;
  /** whether policy variables are substituted in the values of this family */
  hasVariables: boolean;
  /** compiles one policy value for the positive form of `operator` */
  compileValue(raw: string, operator: string, parts: TTemplatePart[] | null): TCompiledValue;
}
