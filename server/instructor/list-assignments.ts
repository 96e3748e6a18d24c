import { db, CohortRole } from "../db";
import type { TActor } from "../authz";
import { requireTaughtCohort, type TTaughtCohort } from "../cohorts/cohort-access";

export type TAssignmentRow = {
  id: string;
  slug: string;
  title: string;
  points: number;
  isRetired: boolean;
  opensAt: Date;
  dueAt: Date | null;
  extensions: { userId: string; name: string; dueAt: Date }[];
};

export type TAssignmentsPage = {
  cohort: TTaughtCohort;
  assignments: TAssignmentRow[];
  /** Live challenges not assigned yet, for the "assign" form. */
  available: { slug: string; title: string; domain: string; difficulty: number; points: number }[];
  students: { userId: string; name: string }[];
};

/** The cohort's assignments (by due date) with their extensions, plus what could still be assigned. */
export async function listAssignments(actor: TActor, cohortId: unknown): Promise<TAssignmentsPage> {
  const { cohort } = await requireTaughtCohort(actor, cohortId);
  const [assignments, live, students] = await Promise.all([
    db().assignment.findMany({
      where: { cohortId: cohort.id },
      orderBy: [{ dueAt: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }],
      select: {
        id: true,
        opensAt: true,
        dueAt: true,
        challenge: { select: { id: true, slug: true, title: true, points: true, retiredAt: true } },
        extensions: {
          orderBy: { dueAt: "asc" },
          select: { userId: true, dueAt: true, user: { select: { name: true } } },
        },
      },
    }),
    db().challenge.findMany({
      where: { retiredAt: null, currentVersionId: { not: null } },
      orderBy: [{ domain: "asc" }, { difficulty: "asc" }, { title: "asc" }],
      select: { id: true, slug: true, title: true, domain: true, difficulty: true, points: true },
    }),
    db().membership.findMany({
      where: { cohortId: cohort.id, role: CohortRole.STUDENT },
      orderBy: { user: { name: "asc" } },
      select: { user: { select: { id: true, name: true } } },
    }),
  ]);
  const assigned = new Set(assignments.map((a) => a.challenge.id));
  return {
    cohort,
    assignments: assignments.map((a) => ({
      id: a.id,
      slug: a.challenge.slug,
      title: a.challenge.title,
      points: a.challenge.points,
      isRetired: !!a.challenge.retiredAt,
      opensAt: a.opensAt,
      dueAt: a.dueAt,
      extensions: a.extensions.map((e) => ({ userId: e.userId, name: e.user.name, dueAt: e.dueAt })),
    })),
    available: live.filter((c) => !assigned.has(c.id)).map(({ id: _id, ...rest }) => rest),
    students: students.map((s) => ({ userId: s.user.id, name: s.user.name })),
  };
}
