import { z } from "zod";

export const ZCohortName = z
  .string({ error: "give the cohort a name" })
  .trim()
  .min(1, "give the cohort a name")
  .max(80, "use at most 80 characters")
  .refine((s) => !/[\p{Cc}\p{Cf}]/u.test(s), "a cohort name cannot contain control characters");

/** Turns a zod failure into the AppError fields a form shows. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    fields[key] ??= issue.message;
  }
  return fields;
}
