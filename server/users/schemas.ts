import { z } from "zod";
import { PASSWORD_MAX, PASSWORD_MIN } from "../auth/password";

export const ZEmail = z
  .string({ error: "enter your email address" })
  .trim()
  .toLowerCase()
  .min(1, "enter your email address")
  .max(254, "an email address has at most 254 characters")
  .pipe(z.email("enter a valid email address, like name@example.com"));

export const ZPassword = z
  .string({ error: "enter a password" })
  .min(PASSWORD_MIN, `use at least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `use at most ${PASSWORD_MAX} characters`);

/** Names are shown to other people: printable text only, no control characters. */
export const ZPersonName = (what: string, max: number) =>
  z
    .string({ error: `enter a ${what}` })
    .trim()
    .min(1, `enter a ${what}`)
    .max(max, `a ${what} has at most ${max} characters`)
    .refine((s) => !/[\p{Cc}\p{Cf}]/u.test(s), `a ${what} cannot contain control characters`);

export const ZSignUp = z.object({
  email: ZEmail,
  name: ZPersonName("name", 80),
  displayName: ZPersonName("display name", 40).optional(),
  password: ZPassword,
});
export type TSignUp = z.infer<typeof ZSignUp>;

/** Flattens zod issues into `field -> first message` for a form. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    out[key] ??= issue.message;
  }
  return out;
}
