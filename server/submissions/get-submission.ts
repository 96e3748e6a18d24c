import { db } from "../db";
import { AppError } from "../errors";
import { requireUser, type TActor } from "../authz";
import { studentReport } from "../../core/index";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type TSubmissionView = {
  id: string;
  status: string;
  gradable: boolean | null;
  score: number | null;
  points: number | null;
  late: boolean;
  queuedAt: Date;
  gradedAt: Date | null;
  error: string | null;
  report: unknown;
};

/** The columns of a submission's outcome, as its owner and its instructors read them. */
export const SUBMISSION_RESULT = {
  id: true,
  status: true,
  gradable: true,
  score: true,
  points: true,
  late: true,
  queuedAt: true,
  gradedAt: true,
  errorMessage: true,
  report: true,
} as const;

/**
 * A submission as its owner may see it: the student view of the report (hidden cases reduced to
 * passed/failed and the misconception hint). Anyone else's submission is "not found", not "forbidden",
 * so ids cannot be probed.
 */
export async function getOwnSubmission(actor: TActor, id: unknown): Promise<TSubmissionView> {
  const user = requireUser(actor);
  if (typeof id !== "string" || !UUID.test(id)) throw new AppError("not-found", "no such submission");
  const s = await db().submission.findUnique({
    where: { id },
    select: { ...SUBMISSION_RESULT, userId: true },
  });
  if (!s || s.userId !== user.id) throw new AppError("not-found", "no such submission");
  return {
    id: s.id,
    status: s.status,
    gradable: s.gradable,
    score: s.score,
    points: s.points,
    late: s.late,
    queuedAt: s.queuedAt,
    gradedAt: s.gradedAt,
    error: s.errorMessage,
    report: s.report ? studentReport(s.report as never) : null,
  };
}

/** Only the status fields, for live updates (cheap, no report). */
export async function getOwnSubmissionStatus(actor: TActor, id: unknown) {
  const user = requireUser(actor);
  if (typeof id !== "string" || !UUID.test(id)) throw new AppError("not-found", "no such submission");
  const s = await db().submission.findUnique({
    where: { id },
    select: { id: true, userId: true, status: true, score: true },
  });
  if (!s || s.userId !== user.id) throw new AppError("not-found", "no such submission");
  return { id: s.id, status: s.status, score: s.score };
}
