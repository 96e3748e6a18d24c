import { db, CohortRole } from "../db";
import type { TActor } from "../authz";
import { requireTaughtCohort, type TTaughtCohort } from "./cohort-access";

export type TRosterMember = { userId: string; name: string; displayName: string; email: string; joinedAt: Date };

export type TCohortRoster = {
  cohort: TTaughtCohort;
  instructors: TRosterMember[];
  students: TRosterMember[];
};

/** The cohort's instructors and students (by name), for the roster and settings page. */
export async function getCohortRoster(actor: TActor, cohortId: unknown): Promise<TCohortRoster> {
  const { cohort } = await requireTaughtCohort(actor, cohortId);
  const rows = await db().membership.findMany({
    where: { cohortId: cohort.id },
    orderBy: [{ user: { name: "asc" } }, { userId: "asc" }],
    select: { role: true, joinedAt: true, user: { select: { id: true, name: true, displayName: true, email: true } } },
  });
  const toMember = (r: (typeof rows)[number]): TRosterMember => ({
    userId: r.user.id,
    name: r.user.name,
    displayName: r.user.displayName,
    email: r.user.email,
    joinedAt: r.joinedAt,
  });
  return {
    cohort,
    instructors: rows.filter((r) => r.role === CohortRole.INSTRUCTOR).map(toMember),
    students: rows.filter((r) => r.role === CohortRole.STUDENT).map(toMember),
  };
}
