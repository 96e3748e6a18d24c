import { db, CohortRole, Role } from "../db";
import { AppError } from "../errors";
import { requireInstructor, type TActor, type TSessionUser } from "../authz";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (v: unknown): v is string => typeof v === "string" && UUID.test(v);

export type TTaughtCohort = { id: string; name: string; joinCode: string; archived: boolean };

/**
 * The cohort `cohortId` when the actor teaches it (an INSTRUCTOR member) or is an admin. Anyone else,
 * and any id that is not a cohort, gets "not found", so cohort ids cannot be probed. A student
 * account is refused before that ("forbidden"): instructor use cases are not theirs at all.
 */
export async function requireTaughtCohort(
  actor: TActor,
  cohortId: unknown,
): Promise<{ user: TSessionUser; cohort: TTaughtCohort }> {
  const user = requireInstructor(actor);
  if (!isUuid(cohortId)) throw new AppError("not-found", "no such cohort");
  const cohort = await db().cohort.findUnique({
    where: { id: cohortId },
    select: {
      id: true,
      name: true,
      joinCode: true,
      archived: true,
      memberships: { where: { userId: user.id, role: CohortRole.INSTRUCTOR }, select: { userId: true } },
    },
  });
  if (!cohort || (cohort.memberships.length === 0 && user.role !== Role.ADMIN))
    throw new AppError("not-found", "no such cohort");
  return { user, cohort: { id: cohort.id, name: cohort.name, joinCode: cohort.joinCode, archived: cohort.archived } };
}

/** Throws "not found" unless `userId` is a student of the cohort. */
export async function requireCohortStudent(
  cohortId: string,
  userId: unknown,
): Promise<{ id: string; name: string; email: string }> {
  if (!isUuid(userId)) throw new AppError("not-found", "no such student in this cohort");
  const m = await db().membership.findUnique({
    where: { userId_cohortId: { userId, cohortId } },
    select: { role: true, user: { select: { id: true, name: true, email: true } } },
  });
  if (!m || m.role !== CohortRole.STUDENT) throw new AppError("not-found", "no such student in this cohort");
  return m.user;
}
