/**
 * One thing Cognito would do differently from what the handler's author probably expects.
 * `error`: Cognito rejects the output or the call fails. `warning`: Cognito accepts it but ignores
 * or changes part of it, or it is a security smell. Codes are stable (`<trigger>.<what>`);
 * messages start lowercase, have no trailing period, and put user input in backticks.
 */
export interface TriggerFinding {
  code: string;
  severity: "error" | "warning";
  message: string;
  /** JSON pointer into the returned event, e.g. `/response/autoVerifyEmail`. */
  path?: string;
}

export function finding(
  code: string,
  severity: TriggerFinding["severity"],
  message: string,
  path?: string,
): TriggerFinding {
  return path === undefined ? { code, severity, message } : { code, severity, message, path };
}
