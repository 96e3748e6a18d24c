import { db } from "../db";
import { requireUser, type TActor } from "../authz";

export type TOwnSubmission = {
  id: string;
  status: string;
  gradable: boolean | null;
  score: number | null;
  points: number | null;
  queuedAt: Date;
  answer: string;
};

/** The student's own submissions on one challenge, newest first (at most `limit`). */
export async function listOwnSubmissions(actor: TActor, challengeId: string, limit = 50): Promise<TOwnSubmission[]> {
  const user = requireUser(actor);
  return db().submission.findMany({
    where: { userId: user.id, challengeId },
    orderBy: { queuedAt: "desc" },
    take: Math.min(Math.max(limit, 1), 200),
    select: { id: true, status: true, gradable: true, score: true, points: true, queuedAt: true, answer: true },
  });
}
