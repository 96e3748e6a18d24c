import { db } from "../db";
import type { TActor } from "../authz";
import { requireCohortStudent, requireTaughtCohort } from "./cohort-access";

/**
 * Takes a student out of the cohort. Their submissions and scores stay (they belong to the
 * student); the cohort's matrix and exports simply stop listing them.
 */
export async function removeStudent(actor: TActor, cohortId: unknown, userId: unknown): Promise<void> {
  const { cohort } = await requireTaughtCohort(actor, cohortId);
  const student = await requireCohortStudent(cohort.id, userId);
  await db().$transaction([
    db().assignmentExtension.deleteMany({ where: { userId: student.id, assignment: { cohortId: cohort.id } } }),
    db().membership.delete({ where: { userId_cohortId: { userId: student.id, cohortId: cohort.id } } }),
  ]);
}
