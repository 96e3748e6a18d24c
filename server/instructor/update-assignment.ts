import { z } from "zod";
import { db } from "../db";
import { AppError } from "../errors";
import type { TActor } from "../authz";
import { requireTaughtCohort } from "../cohorts/cohort-access";
import { requireCohortAssignment } from "./assignment-access";
import { resolveDates } from "./create-assignments";
import { ZLocalDateTime, ZTzOffset } from "./dates";

export const ZUpdateAssignment = z.object({ opensAt: ZLocalDateTime, dueAt: ZLocalDateTime, tzOffset: ZTzOffset });

/** Changes an assignment's dates. Submissions already made keep their late flag (it was decided at submit time). */
export async function updateAssignment(
  actor: TActor,
  cohortId: unknown,
  assignmentId: unknown,
  input: unknown,
): Promise<void> {
  const { cohort } = await requireTaughtCohort(actor, cohortId);
  const a = await requireCohortAssignment(cohort.id, assignmentId);
  const parsed = ZUpdateAssignment.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError("invalid-input", issue.message, {
      fields: { [String(issue.path[0] ?? "dueAt")]: issue.message },
    });
  }
  const { opensAt, dueAt } = resolveDates(parsed.data);
  await db().assignment.update({ where: { id: a.id }, data: { ...(opensAt ? { opensAt } : {}), dueAt } });
}
