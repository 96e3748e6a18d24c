import { db } from "../db";
import type { TActor } from "../authz";
import { requireTaughtCohort } from "../cohorts/cohort-access";
import { requireCohortAssignment } from "./assignment-access";

/** Unassigns a challenge (and its extensions). Students' submissions and scores stay. */
export async function removeAssignment(actor: TActor, cohortId: unknown, assignmentId: unknown): Promise<void> {
  const { cohort } = await requireTaughtCohort(actor, cohortId);
  const a = await requireCohortAssignment(cohort.id, assignmentId);
  await db().assignment.delete({ where: { id: a.id } });
}
