import { db } from "../db";
import { SUBMISSION_RESULT } from "../submissions/get-submission";
import { AppError } from "../errors";
import type { TActor } from "../authz";
import type { TGradeReport } from "../../core/index";
import { requireCohortStudent, requireTaughtCohort, type TTaughtCohort } from "../cohorts/cohort-access";

export type TAttempt = {
  id: string;
  /** 1 for the first submission */
  number: number;
  answer: string;
  status: string;
  gradable: boolean | null;
  score: number | null;
  points: number | null;
  late: boolean;
  queuedAt: Date;
  gradedAt: Date | null;
  error: string | null;
  /** the FULL report, hidden cases included: this view is for the cohort's instructors only */
  report: TGradeReport | null;
};

export type TStudentAttempts = {
  cohort: TTaughtCohort;
  student: { id: string; name: string; email: string };
  challenge: { slug: string; title: string; points: number; dueAt: Date | null; extendedTo: Date | null };
  best: { bestScore: number; bestPoints: number; attempts: number; solvedAt: Date | null } | null;
  /** oldest first */
  attempts: TAttempt[];
};

/**
 * One student's submissions on one challenge assigned to the cohort, for its instructors. A student
 * outside the cohort or a challenge the cohort was not assigned is "not found" (URL tampering).
 */
export async function getStudentAttempts(
  actor: TActor,
  cohortId: unknown,
  userId: unknown,
  slug: unknown,
): Promise<TStudentAttempts> {
  const { cohort } = await requireTaughtCohort(actor, cohortId);
  const student = await requireCohortStudent(cohort.id, userId);
  if (typeof slug !== "string" || !/^[a-z0-9-]{1,100}$/.test(slug))
    throw new AppError("not-found", "no such assignment");
  const assignment = await db().assignment.findFirst({
    where: { cohortId: cohort.id, challenge: { slug } },
    select: {
      dueAt: true,
      challenge: { select: { id: true, slug: true, title: true, points: true } },
      extensions: { where: { userId: student.id }, select: { dueAt: true } },
    },
  });
  if (!assignment) throw new AppError("not-found", "no such assignment");
  const [rows, best] = await Promise.all([
    db().submission.findMany({
      where: { userId: student.id, challengeId: assignment.challenge.id },
      orderBy: { queuedAt: "asc" },
      select: { ...SUBMISSION_RESULT, answer: true },
    }),
    db().bestScore.findUnique({
      where: { userId_challengeId: { userId: student.id, challengeId: assignment.challenge.id } },
      select: { bestScore: true, bestPoints: true, attempts: true, solvedAt: true },
    }),
  ]);
  return {
    cohort,
    student,
    challenge: {
      slug: assignment.challenge.slug,
      title: assignment.challenge.title,
      points: assignment.challenge.points,
      dueAt: assignment.dueAt,
      extendedTo: assignment.extensions[0]?.dueAt ?? null,
    },
    best,
    attempts: rows.map((r, i) => ({
      id: r.id,
      number: i + 1,
      answer: r.answer,
      status: r.status,
      gradable: r.gradable,
      score: r.score,
      points: r.points,
      late: r.late,
      queuedAt: r.queuedAt,
      gradedAt: r.gradedAt,
      error: r.errorMessage,
      report: (r.report as TGradeReport | null) ?? null,
    })),
  };
}
