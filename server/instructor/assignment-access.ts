import { db } from "../db";
import { AppError } from "../errors";
import { isUuid } from "../cohorts/cohort-access";

/** The assignment `assignmentId` of the cohort, or "not found" (also when it belongs to another cohort). */
export async function requireCohortAssignment(cohortId: string, assignmentId: unknown) {
  if (!isUuid(assignmentId)) throw new AppError("not-found", "no such assignment");
  const a = await db().assignment.findUnique({ where: { id: assignmentId }, select: { id: true, cohortId: true } });
  if (!a || a.cohortId !== cohortId) throw new AppError("not-found", "no such assignment");
  return a;
}

/** The challenge `slug` when it is assigned to the cohort, or "not found". */
export async function requireAssignedChallenge(cohortId: string, slug: unknown) {
  if (typeof slug !== "string" || !/^[a-z0-9-]{1,100}$/.test(slug))
    throw new AppError("not-found", "no such assignment");
  const a = await db().assignment.findFirst({
    where: { cohortId, challenge: { slug } },
    select: { id: true, challenge: { select: { id: true, slug: true, title: true } } },
  });
  if (!a) throw new AppError("not-found", "no such assignment");
  return a;
}
