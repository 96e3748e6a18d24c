import { z } from "zod";
import { db, CohortRole, Role } from "../db";
import { AppError } from "../errors";
import type { TActor } from "../authz";
import { requireTaughtCohort } from "./cohort-access";

export const ZCoInstructor = z.object({
  email: z.string({ error: "enter an email address" }).trim().toLowerCase().pipe(z.email("enter an email address")),
});

const NOT_INSTRUCTOR = "no instructor account has this email";

/**
 * Adds another instructor (an account whose role is instructor or admin) to the cohort as an
 * INSTRUCTOR member. A student of the cohort who has become an instructor is promoted in place.
 */
export async function addCoInstructor(actor: TActor, cohortId: unknown, input: unknown): Promise<{ name: string }> {
  const { cohort } = await requireTaughtCohort(actor, cohortId);
  const parsed = ZCoInstructor.safeParse(input);
  if (!parsed.success) {
    const message = parsed.error.issues[0].message;
    throw new AppError("invalid-input", message, { fields: { email: message } });
  }
  const other = await db().user.findUnique({
    where: { email: parsed.data.email },
    select: { id: true, name: true, role: true, disabled: true },
  });
  // One message for "no account" and "a student account", so the form does not reveal who has signed up.
  if (!other || other.disabled || other.role === Role.STUDENT)
    throw new AppError("not-found", NOT_INSTRUCTOR, { fields: { email: NOT_INSTRUCTOR } });
  await db().membership.upsert({
    where: { userId_cohortId: { userId: other.id, cohortId: cohort.id } },
    create: { userId: other.id, cohortId: cohort.id, role: CohortRole.INSTRUCTOR },
    update: { role: CohortRole.INSTRUCTOR },
  });
  return { name: other.name };
}
