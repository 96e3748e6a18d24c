import { db } from "../db";
import type { TActor } from "../authz";
import { requireCohortStudent, requireTaughtCohort } from "../cohorts/cohort-access";
import { requireCohortAssignment } from "./assignment-access";

/** Removes a student's extension: the assignment's own due date applies again. */
export async function removeExtension(
  actor: TActor,
  cohortId: unknown,
  assignmentId: unknown,
  userId: unknown,
): Promise<void> {
  const { cohort } = await requireTaughtCohort(actor, cohortId);
  const a = await requireCohortAssignment(cohort.id, assignmentId);
  const student = await requireCohortStudent(cohort.id, userId);
  await db().assignmentExtension.deleteMany({ where: { assignmentId: a.id, userId: student.id } });
}
