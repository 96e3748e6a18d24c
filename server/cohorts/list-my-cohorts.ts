import { db, CohortRole } from "../db";
import type { TSessionUser } from "../authz";

/** Cohorts the user belongs to, as a student or as an instructor. */
export async function listMyCohorts(user: TSessionUser, role?: CohortRole) {
  const rows = await db().membership.findMany({
    where: { userId: user.id, ...(role ? { role } : {}), cohort: { archived: false } },
    orderBy: { joinedAt: "desc" },
    select: {
      role: true,
      cohort: {
        select: { id: true, name: true, joinCode: true, _count: { select: { memberships: true, assignments: true } } },
      },
    },
  });
  return rows.map((r) => ({
    id: r.cohort.id,
    name: r.cohort.name,
    role: r.role,
    // Students never see the join code of a cohort they only attend.
    joinCode: r.role === CohortRole.INSTRUCTOR ? r.cohort.joinCode : null,
    members: r.cohort._count.memberships,
    assignments: r.cohort._count.assignments,
  }));
}
