import type { z } from "zod";
import { AppError } from "./errors";

/**
 * A form's input checked against its schema, or an `invalid-input` error carrying the first problem
 * both as the message and on its field (`defaultField` when the problem is not about one field), so
 * the form can show it next to the input.
 */
export function parseFormInput<S extends z.ZodType>(schema: S, input: unknown, defaultField: string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = String(issue.path[0] ?? defaultField);
  throw new AppError("invalid-input", issue.message, { fields: { [field]: issue.message } });
}
