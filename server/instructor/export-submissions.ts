import { db, CohortRole } from "../db";
import type { TActor } from "../authz";
import { requireTaughtCohort } from "../cohorts/cohort-access";
import { csvFileName, toCsv } from "./csv";

/**
 * Every submission of the cohort's students on the cohort's assigned challenges, oldest first,
 * with the answer text (policies span lines and hold quotes and commas: the quoting matters).
 */
export async function exportSubmissions(actor: TActor, cohortId: unknown): Promise<{ fileName: string; csv: string }> {
  const { cohort } = await requireTaughtCohort(actor, cohortId);
  const rows = await db().submission.findMany({
    where: {
      user: { memberships: { some: { cohortId: cohort.id, role: CohortRole.STUDENT } } },
      challenge: { assignments: { some: { cohortId: cohort.id } } },
    },
    orderBy: [{ queuedAt: "asc" }, { id: "asc" }],
    select: {
      queuedAt: true,
      status: true,
      score: true,
      points: true,
      late: true,
      answer: true,
      user: { select: { name: true, email: true } },
      challenge: { select: { slug: true } },
    },
  });
  const header = ["Student", "Email", "Challenge", "Submitted at (UTC)", "Status", "Score", "Points", "Late", "Answer"];
  const lines = rows.map((s) => [
    s.user.name,
    s.user.email,
    s.challenge.slug,
    s.queuedAt.toISOString(),
    s.status,
    s.score,
    s.points,
    s.late,
    s.answer,
  ]);
  return { fileName: csvFileName(cohort.name, "submissions"), csv: toCsv([header, ...lines]) };
}
