import { db, CohortRole } from "../db";
import { AppError } from "../errors";
import type { TActor } from "../authz";
import { isUuid, requireTaughtCohort } from "./cohort-access";

/** Removes an instructor from the cohort; the last instructor cannot be removed (the cohort would be orphaned). */
export async function removeCoInstructor(actor: TActor, cohortId: unknown, userId: unknown): Promise<void> {
  const { cohort } = await requireTaughtCohort(actor, cohortId);
  if (!isUuid(userId)) throw new AppError("not-found", "no such instructor in this cohort");
  await db().$transaction(async (tx) => {
    const instructors = await tx.membership.findMany({
      where: { cohortId: cohort.id, role: CohortRole.INSTRUCTOR },
      select: { userId: true },
    });
    if (!instructors.some((m) => m.userId === userId))
      throw new AppError("not-found", "no such instructor in this cohort");
    if (instructors.length === 1) throw new AppError("conflict", "a cohort keeps at least one instructor");
    await tx.membership.delete({ where: { userId_cohortId: { userId, cohortId: cohort.id } } });
  });
}
