import { db, CohortRole, Role } from "../db";
import { requireInstructor, type TActor } from "../authz";

export type TTaughtCohortSummary = {
  id: string;
  name: string;
  joinCode: string;
  archived: boolean;
  students: number;
  assignments: number;
  createdAt: Date;
};

/** The cohorts an instructor teaches (archived ones too, last); an admin sees every cohort. */
export async function listTaughtCohorts(actor: TActor): Promise<TTaughtCohortSummary[]> {
  const user = requireInstructor(actor);
  const rows = await db().cohort.findMany({
    where: user.role === Role.ADMIN ? {} : { memberships: { some: { userId: user.id, role: CohortRole.INSTRUCTOR } } },
    orderBy: [{ archived: "asc" }, { createdAt: "desc" }],
    select: {
      id: true,
      name: true,
      joinCode: true,
      archived: true,
      createdAt: true,
      _count: { select: { memberships: { where: { role: CohortRole.STUDENT } }, assignments: true } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    joinCode: r.joinCode,
    archived: r.archived,
    createdAt: r.createdAt,
    students: r._count.memberships,
    assignments: r._count.assignments,
  }));
}
