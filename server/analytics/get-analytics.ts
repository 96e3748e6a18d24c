// Analytics for one cohort (or, for admins, everyone), optionally narrowed to one challenge.
// Set-based: a handful of aggregate queries whatever the number of students and submissions.
import { db, Prisma } from "../db";
import type { TActor } from "../authz";
import { AppError } from "../errors";
import { authorizeAnalyticsScope, scopeFilter, type TAnalyticsScope } from "./analytics-scope";
import { canonicalAnswer } from "./canonical-answer";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Attempts-to-solve buckets: gradable submissions up to and including the first full score. */
export const ATTEMPT_BUCKETS = [
  { label: "1", min: 1, max: 1 },
  { label: "2", min: 2, max: 2 },
  { label: "3", min: 3, max: 3 },
  { label: "4–5", min: 4, max: 5 },
  { label: "6–10", min: 6, max: 10 },
  { label: "11+", min: 11, max: Infinity },
] as const;

export type TChallengeStats = {
  id: string;
  slug: string;
  title: string;
  kind: string;
  /** students with at least one gradable submission */
  attempted: number;
  solved: number;
  /** gradable submissions */
  submissions: number;
  /** solved / attempted, 0..1 */
  solveRate: number;
  medianAttemptsToSolve: number | null;
};

export type TFailedCase = {
  challengeId: string;
  caseId: string;
  name: string;
  misconception: string | null;
  /** gradable submissions failing this case */
  failures: number;
  students: number;
  /** failures / gradable submissions of the challenge */
  share: number;
};

export type TCluster = { size: number; students: number; example: string; lastAt: Date };

export type TAnalytics = {
  scope: TAnalyticsScope;
  challenges: TChallengeStats[];
  challenge: TChallengeStats | null;
  distribution: Array<{ label: string; count: number }>;
  failedCases: TFailedCase[];
  heatmap: { tags: string[]; cells: Record<string, Record<string, number>> };
  /** only when one challenge is selected */
  clusters: TCluster[] | null;
  /** failing gradable submissions the clusters were built from */
  failingSubmissions: number;
};

type TStatRow = { challengeId: string; attempted: bigint; solved: bigint; submissions: bigint };
type TDistRow = { challengeId: string; n: number; students: bigint };
type TFailRow = {
  kind: "case" | "tag";
  challengeId: string;
  caseId: string | null;
  name: string | null;
  tag: string | null;
  failures: bigint;
  students: bigint;
};
type TAnswerRow = { answer: string; n: bigint; lastAt: Date; users: string[] };

function median(counts: Map<number, number>): number | null {
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  let seen = 0;
  for (const n of [...counts.keys()].sort((a, b) => a - b)) {
    seen += counts.get(n)!;
    if (seen * 2 >= total) return n;
  }
  return null;
}

/**
 * Solve rates, attempts-to-solve, most failed cases, the misconception heatmap and (for one
 * challenge) clusters of equivalent wrong answers. `not-found` for cohorts the actor does not teach.
 */
export async function getAnalytics(
  actor: TActor,
  input: { cohortId?: unknown; challengeId?: unknown },
): Promise<TAnalytics> {
  const scope = await authorizeAnalyticsScope(actor, input.cohortId);
  let challengeId: string | null = null;
  if (input.challengeId !== undefined && input.challengeId !== null && input.challengeId !== "") {
    if (typeof input.challengeId !== "string" || !UUID.test(input.challengeId))
      throw new AppError("not-found", "no such challenge");
    challengeId = input.challengeId;
  }
  const inScope = scopeFilter(scope);
  const oneChallenge = challengeId ? Prisma.sql`AND s."challengeId" = ${challengeId}::uuid` : Prisma.empty;
  const q = db();

  const [stats, dist, fails, meta] = await Promise.all([
    q.$queryRaw<TStatRow[]>`
      SELECT s."challengeId", COUNT(DISTINCT s."userId") AS attempted,
             COUNT(DISTINCT s."userId") FILTER (WHERE s.score >= 1) AS solved, COUNT(*) AS submissions
      FROM "Submission" s
      WHERE s.status = 'GRADED' AND s.gradable ${inScope}
      GROUP BY s."challengeId"`,
    // Per student and challenge: the rank of the first full-score submission among gradable ones.
    q.$queryRaw<TDistRow[]>`
      SELECT "challengeId", n::int AS n, COUNT(*) AS students FROM (
        SELECT "challengeId", "userId", MIN(rn) FILTER (WHERE score >= 1) AS n FROM (
          SELECT s."challengeId", s."userId", s.score,
                 ROW_NUMBER() OVER (PARTITION BY s."userId", s."challengeId" ORDER BY s."queuedAt", s.id) AS rn
          FROM "Submission" s
          WHERE s.status = 'GRADED' AND s.gradable ${inScope} ${oneChallenge}
        ) ranked GROUP BY 1, 2
      ) firsts WHERE n IS NOT NULL GROUP BY 1, 2`,
    // Failing cases (SubmissionFailure, written at grading time), per case and per misconception tag.
    q.$queryRaw<TFailRow[]>`
      WITH failed AS MATERIALIZED (
        SELECT s.id, s."userId", s."challengeId", f."caseId", f."caseName" AS name, f.misconception AS tag
        FROM "SubmissionFailure" f JOIN "Submission" s ON s.id = f."submissionId"
        WHERE s.status = 'GRADED' AND s.gradable AND s.score < 1 ${inScope} ${oneChallenge}
      )
      (SELECT 'case' AS kind, "challengeId", "caseId", MAX(name) AS name, MAX(tag) AS tag,
              COUNT(*) AS failures, COUNT(DISTINCT "userId") AS students
       FROM failed GROUP BY "challengeId", "caseId" ORDER BY failures DESC LIMIT 15)
      UNION ALL
      (SELECT 'tag', "challengeId", NULL, NULL, tag, COUNT(DISTINCT id), COUNT(DISTINCT "userId")
       FROM failed WHERE tag IS NOT NULL GROUP BY "challengeId", tag)`,
    q.challenge.findMany({
      where: challengeId ? { id: challengeId } : undefined,
      select: { id: true, slug: true, title: true, kind: true },
    }),
  ]);

  const byId = new Map(meta.map((c) => [c.id, c]));
  if (challengeId && !byId.has(challengeId)) throw new AppError("not-found", "no such challenge");

  const distBy = new Map<string, Map<number, number>>();
  for (const r of dist) {
    const m = distBy.get(r.challengeId) ?? new Map<number, number>();
    m.set(r.n, Number(r.students));
    distBy.set(r.challengeId, m);
  }
  const challenges: TChallengeStats[] = stats
    .filter((r) => byId.has(r.challengeId))
    .map((r) => {
      const c = byId.get(r.challengeId)!;
      const attempted = Number(r.attempted);
      const solved = Number(r.solved);
      return {
        id: c.id,
        slug: c.slug,
        title: c.title,
        kind: c.kind,
        attempted,
        solved,
        submissions: Number(r.submissions),
        solveRate: attempted ? solved / attempted : 0,
        medianAttemptsToSolve: median(distBy.get(c.id) ?? new Map()),
      };
    })
    .sort((a, b) => a.solveRate - b.solveRate || b.attempted - a.attempted || a.slug.localeCompare(b.slug));
  const statById = new Map(challenges.map((c) => [c.id, c]));

  const distribution = ATTEMPT_BUCKETS.map((b) => ({ label: b.label, count: 0 }));
  for (const r of dist) {
    const i = ATTEMPT_BUCKETS.findIndex((b) => r.n >= b.min && r.n <= b.max);
    if (i >= 0) distribution[i]!.count += Number(r.students);
  }

  const failedCases: TFailedCase[] = [];
  const cells: Record<string, Record<string, number>> = {};
  for (const r of fails) {
    const gradable = statById.get(r.challengeId)?.submissions ?? 0;
    if (!gradable) continue;
    const share = Number(r.failures) / gradable;
    if (r.kind === "case") {
      failedCases.push({
        challengeId: r.challengeId,
        caseId: r.caseId ?? "",
        name: r.name ?? r.caseId ?? "",
        misconception: r.tag,
        failures: Number(r.failures),
        students: Number(r.students),
        share,
      });
    } else if (r.tag) {
      (cells[r.tag] ??= {})[r.challengeId] = share;
    }
  }
  failedCases.sort((a, b) => b.failures - a.failures || a.caseId.localeCompare(b.caseId));
  const tags = Object.keys(cells).sort(
    (a, b) => Math.max(...Object.values(cells[b]!)) - Math.max(...Object.values(cells[a]!)) || a.localeCompare(b),
  );

  let clusters: TCluster[] | null = null;
  let failingSubmissions = 0;
  if (challengeId) {
    // Identical texts are grouped by the database; equivalent ones are merged here.
    const answers = await q.$queryRaw<TAnswerRow[]>`
      SELECT s.answer, COUNT(*) AS n, MAX(s."queuedAt") AS "lastAt", array_agg(DISTINCT s."userId"::text) AS users
      FROM "Submission" s
      WHERE s.status = 'GRADED' AND s.gradable AND s.score < 1 AND s."challengeId" = ${challengeId}::uuid ${inScope}
      GROUP BY s.answer`;
    const kind = byId.get(challengeId)!.kind;
    const groups = new Map<string, { size: number; users: Set<string>; lastAt: Date; example: string; top: number }>();
    for (const a of answers) {
      const n = Number(a.n);
      failingSubmissions += n;
      const key = canonicalAnswer(kind, a.answer);
      const g = groups.get(key);
      if (!g) groups.set(key, { size: n, users: new Set(a.users), lastAt: a.lastAt, example: a.answer, top: n });
      else {
        g.size += n;
        for (const u of a.users) g.users.add(u);
        if (a.lastAt > g.lastAt) g.lastAt = a.lastAt;
        if (n > g.top) [g.example, g.top] = [a.answer, n];
      }
    }
    clusters = [...groups.values()]
      .map((g) => ({ size: g.size, students: g.users.size, example: g.example, lastAt: g.lastAt }))
      .sort((a, b) => b.size - a.size || b.students - a.students)
      .slice(0, 10);
  }

  return {
    scope,
    challenges,
    challenge: challengeId
      ? (statById.get(challengeId) ?? {
          ...byId.get(challengeId)!,
          attempted: 0,
          solved: 0,
          submissions: 0,
          solveRate: 0,
          medianAttemptsToSolve: null,
        })
      : null,
    distribution,
    failedCases,
    heatmap: { tags, cells },
    clusters,
    failingSubmissions,
  };
}
