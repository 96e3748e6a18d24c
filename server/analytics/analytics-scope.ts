import { db, Prisma } from "../db";
import { requireInstructor, type TActor } from "../authz";
import { AppError } from "../errors";
import { Role } from "../generated/prisma/enums";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whose submissions an analytics view covers: one cohort's students, or everyone (admins only). */
export type TAnalyticsScope = { cohort: { id: string; name: string } | null; students: number };

/**
 * Instructors see cohorts they teach (Membership role INSTRUCTOR); admins see every cohort and the
 * whole platform (`cohortId` absent). Anything else is `not-found`, so ids cannot be probed.
 */
export async function authorizeAnalyticsScope(actor: TActor, cohortId: unknown): Promise<TAnalyticsScope> {
  const user = requireInstructor(actor);
  const isAdmin = user.role === Role.ADMIN;
  if (cohortId === undefined || cohortId === null || cohortId === "") {
    if (!isAdmin) throw new AppError("not-found", "no such cohort");
    const students = await db().user.count({ where: { role: Role.STUDENT } });
    return { cohort: null, students };
  }
  if (typeof cohortId !== "string" || !UUID.test(cohortId)) throw new AppError("not-found", "no such cohort");
  const cohort = await db().cohort.findFirst({
    where: {
      id: cohortId,
      ...(isAdmin ? {} : { memberships: { some: { userId: user.id, role: "INSTRUCTOR" } } }),
    },
    select: { id: true, name: true, _count: { select: { memberships: { where: { role: "STUDENT" } } } } },
  });
  if (!cohort) throw new AppError("not-found", "no such cohort");
  return { cohort: { id: cohort.id, name: cohort.name }, students: cohort._count.memberships };
}

/** The SQL filter on `"Submission" s` (or another table aliased `alias` with a "userId") for a scope. */
export function scopeFilter(scope: TAnalyticsScope, alias: "s" | "f" = "s"): Prisma.Sql {
  return scope.cohort
    ? Prisma.sql`AND ${Prisma.raw(alias)}."userId" IN (SELECT m."userId" FROM "Membership" m WHERE m."cohortId" = ${scope.cohort.id}::uuid AND m.role = 'STUDENT')`
    : Prisma.empty;
}

/** Cohorts an actor may open analytics for: taught ones, or all for admins. */
export async function listAnalyticsCohorts(actor: TActor) {
  const user = requireInstructor(actor);
  return db().cohort.findMany({
    where: user.role === Role.ADMIN ? {} : { memberships: { some: { userId: user.id, role: "INSTRUCTOR" } } },
    orderBy: [{ archived: "asc" }, { createdAt: "desc" }],
    select: { id: true, name: true, archived: true },
    take: 200,
  });
}

/** The scope's students as a one-column ("userId") SQL relation: a cohort's, or every user. */
export function scopeStudents(scope: TAnalyticsScope): Prisma.Sql {
  return scope.cohort
    ? Prisma.sql`SELECT m."userId" FROM "Membership" m WHERE m."cohortId" = ${scope.cohort.id}::uuid AND m.role = 'STUDENT'`
    : Prisma.sql`SELECT u.id AS "userId" FROM "User" u`;
}
