import { z } from "zod";
import { db } from "../db";
import { AppError } from "../errors";
import { parseFormInput } from "../validation";
import type { TActor } from "../authz";
import { requireCohortStudent, requireTaughtCohort } from "../cohorts/cohort-access";
import { requireCohortAssignment } from "./assignment-access";
import { parseLocalDateTime, ZTzOffset } from "./dates";

export const ZSetExtension = z.object({
  userId: z.string(),
  dueAt: z.string({ error: "enter a date and time" }).trim().min(1, "enter a date and time").max(40),
  tzOffset: ZTzOffset,
});

/** Gives one student their own due date for one assignment (replacing an earlier extension). */
export async function setExtension(
  actor: TActor,
  cohortId: unknown,
  assignmentId: unknown,
  input: unknown,
): Promise<void> {
  const { cohort } = await requireTaughtCohort(actor, cohortId);
  const a = await requireCohortAssignment(cohort.id, assignmentId);
  const form = parseFormInput(ZSetExtension, input, "dueAt");
  const student = await requireCohortStudent(cohort.id, form.userId);
  const dueAt = parseLocalDateTime(form.dueAt, form.tzOffset);
  if (!dueAt)
    throw new AppError("invalid-input", "enter a date and time", { fields: { dueAt: "enter a date and time" } });
  await db().assignmentExtension.upsert({
    where: { assignmentId_userId: { assignmentId: a.id, userId: student.id } },
    create: { assignmentId: a.id, userId: student.id, dueAt },
    update: { dueAt },
  });
}
