import { db } from "../db";
import { requireUser, type TActor } from "../authz";
import { toStudentSpec } from "./student-spec";
import type { TChallengeSpec, TStudentChallengeSpec } from "./schema";

export type THintView = { index: number; title: string; cost: number; text?: string };

export type TStudentChallenge = {
  id: string;
  /** the student view (toStudentSpec) minus hint texts: those come in `hints` once revealed */
  spec: Omit<TStudentChallengeSpec, "hints">;
  hints: THintView[];
  best: { score: number; points: number; attempts: number; isSolved: boolean } | null;
};

/**
 * A live challenge as the signed-in student may see it, or null (unknown or retired slug). Hidden
 * cases, the instructor notes and unrevealed hint texts never leave this function; the explanation
 * only once the student has solved it.
 */
export async function getStudentChallenge(actor: TActor, slug: unknown): Promise<TStudentChallenge | null> {
  const user = requireUser(actor);
  if (typeof slug !== "string" || !/^[a-z0-9-]{1,100}$/.test(slug)) return null;
  const row = await db().challenge.findUnique({
    where: { slug },
    select: {
      id: true,
      retiredAt: true,
      currentVersion: { select: { spec: true } },
      bestScores: {
        where: { userId: user.id },
        select: { bestScore: true, bestPoints: true, attempts: true, solvedAt: true },
      },
      hintReveals: { where: { userId: user.id }, select: { hintIndex: true } },
    },
  });
  if (!row || row.retiredAt || !row.currentVersion) return null;
  const best = row.bestScores[0];
  const isSolved = !!best?.solvedAt;
  const { hints, ...spec } = toStudentSpec(row.currentVersion.spec as unknown as TChallengeSpec, { isSolved });
  const revealed = new Set(row.hintReveals.map((h) => h.hintIndex));
  return {
    id: row.id,
    spec,
    hints: hints.map((h, index) => ({
      index,
      title: h.title,
      cost: h.cost,
      ...(revealed.has(index) ? { text: h.text } : {}),
    })),
    best: best
      ? { score: best.bestScore, points: best.bestPoints, attempts: best.attempts, isSolved }
      : null,
  };
}
