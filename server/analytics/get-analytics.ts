// Analytics for one cohort (or, for admins, everyone), optionally narrowed to one challenge.
// Set-based: a handful of aggregate queries whatever the number of students and submissions, each
// read from indexes alone (Submission_analytics_idx, SubmissionFailure_analytics_idx; see
// npm run bench:web). The expensive part is kept per scope while its inputs have not changed.
import { createHash } from "node:crypto";
import { db, Prisma } from "../db";
import type { TActor } from "../authz";
import { AppError } from "../errors";
import { authorizeAnalyticsScope, scopeFilter, scopeStudents, type TAnalyticsScope } from "./analytics-scope";
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

/** What is computed from a scope's submissions, kept while the scope's fingerprint is unchanged. */
type TComputed = { dist: TDistRow[]; fails: TFailRow[]; clusters: TCluster[] | null; failingSubmissions: number };

/**
 * Per scope (cohort or platform, one challenge or all): the fingerprint of the inputs and what was
 * computed from them. The fingerprint is the scope's students and, per challenge, the counts of
 * their gradable graded submissions. That is enough: a graded submission never changes again (the
 * grade is written once, with its failing cases), submissions are never deleted but with their user
 * or challenge (which changes the students or the counts), and every new gradable result raises a count.
 * Ungradable results and errors take no part in analytics. One entry per scope, the oldest dropped first.
 */
const computedCache = new Map<string, { fingerprint: string; value: TComputed }>();
const CACHE_ENTRIES = 200;

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
 * `cache: false` recomputes everything (the benchmark uses it to time the uncached path).
 */
export async function getAnalytics(
  actor: TActor,
  input: { cohortId?: unknown; challengeId?: unknown },
  options: { cache?: boolean } = {},
): Promise<TAnalytics> {
  const scope = await authorizeAnalyticsScope(actor, input.cohortId);
  let challengeId: string | null = null;
  if (input.challengeId !== undefined && input.challengeId !== null && input.challengeId !== "") {
    if (typeof input.challengeId !== "string" || !UUID.test(input.challengeId))
      throw new AppError("not-found", "no such challenge");
    challengeId = input.challengeId;
  }
  const inScope = scopeFilter(scope);
  const q = db();

  // First the cheap part, always fresh: per-challenge counts (also the fingerprint), the
  // challenges' names, and who the scope's students are.
  const [stats, meta, [members]] = await Promise.all([
    q.$queryRaw<TStatRow[]>`
      SELECT s."challengeId", COUNT(DISTINCT s."userId") AS attempted,
             COUNT(DISTINCT s."userId") FILTER (WHERE s.score >= 1) AS solved, COUNT(*) AS submissions
      FROM "Submission" s
      WHERE s.status = 'GRADED' AND s.gradable ${inScope}
      GROUP BY s."challengeId"
      ORDER BY s."challengeId"`,
    q.challenge.findMany({
      where: challengeId ? { id: challengeId } : undefined,
      select: { id: true, slug: true, title: true, kind: true },
    }),
    scope.cohort
      ? q.$queryRaw<{ hash: string }[]>`
          SELECT md5(COALESCE(string_agg(m."userId"::text, ',' ORDER BY m."userId"), '')) AS hash
          FROM "Membership" m WHERE m."cohortId" = ${scope.cohort.id}::uuid AND m.role = 'STUDENT'`
      : Promise.resolve([{ hash: "everyone" }]),
  ]);

  const byId = new Map(meta.map((c) => [c.id, c]));
  if (challengeId && !byId.has(challengeId)) throw new AppError("not-found", "no such challenge");

  const key = `${scope.cohort?.id ?? "*"}/${challengeId ?? "*"}`;
  const fingerprint = createHash("sha256")
    .update(members!.hash)
    .update(stats.map((r) => `${r.challengeId}:${r.attempted}:${r.solved}:${r.submissions}`).join(";"))
    .digest("hex");
  let computed = options.cache === false ? undefined : computedCache.get(key);
  if (computed?.fingerprint !== fingerprint) {
    const value = await compute(scope, challengeId, challengeId ? byId.get(challengeId)!.kind : null);
    computed = { fingerprint, value };
    computedCache.delete(key);
    computedCache.set(key, computed);
    if (computedCache.size > CACHE_ENTRIES) computedCache.delete(computedCache.keys().next().value!);
  }
  const { dist, fails, clusters, failingSubmissions } = computed.value;

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

/** The expensive part of a scope's analytics: attempts to solve, failing cases, clusters. */
async function compute(scope: TAnalyticsScope, challengeId: string | null, kind: string | null): Promise<TComputed> {
  const inScope = scopeFilter(scope);
  const oneChallenge = challengeId ? Prisma.sql`AND s."challengeId" = ${challengeId}::uuid` : Prisma.empty;
  const oneChallengeF = challengeId ? Prisma.sql`AND f."challengeId" = ${challengeId}::uuid` : Prisma.empty;
  const q = db();
  const [dist, fails, answers] = await Promise.all([
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
    // Failing cases of failing gradable submissions (SubmissionFailure, written at grading time),
    // per case and per misconception tag. Aggregated per student first, in index order, so no
    // large sort or hash is needed. A failure row only counts when its submission is graded,
    // gradable and below full score: `ex` holds the (rare) rows that do not, such as a failed
    // zero-point case in an otherwise perfect answer. A case's name is the one of its latest failure.
    q.$queryRaw<TFailRow[]>`
      WITH st AS MATERIALIZED (${scopeStudents(scope)}),
      bad AS (
        SELECT s.id FROM "Submission" s
        WHERE s."userId" IN (SELECT "userId" FROM st) ${oneChallenge}
          AND (s.status = 'GRADED' AND s.gradable AND s.score < 1) IS NOT TRUE),
      ex AS MATERIALIZED (
        SELECT f."submissionId" AS id FROM "SubmissionFailure" f
        WHERE f."userId" IN (SELECT "userId" FROM st) ${oneChallengeF} AND f."submissionId" IN (SELECT id FROM bad)),
      cases AS (
        SELECT c."challengeId", c."caseId", MAX(c.tag) AS tag, SUM(c.n)::bigint AS failures, COUNT(*) AS students,
               MAX(c.latest) AS latest
        FROM st CROSS JOIN LATERAL (
          SELECT f."challengeId", f."caseId", COUNT(*) AS n, MAX(f.misconception) AS tag, MAX(f."submissionId"::text) AS latest
          FROM "SubmissionFailure" f
          WHERE f."userId" = st."userId" ${oneChallengeF} AND f."submissionId" NOT IN (SELECT id FROM ex)
          GROUP BY f."challengeId", f."caseId") c
        GROUP BY c."challengeId", c."caseId" ORDER BY failures DESC LIMIT 15),
      tags AS (
        SELECT t."challengeId", t.tag, SUM(t.n)::bigint AS failures, COUNT(*) AS students
        FROM st CROSS JOIN LATERAL (
          SELECT f."challengeId", f.misconception AS tag, COUNT(DISTINCT f."submissionId") AS n
          FROM "SubmissionFailure" f
          WHERE f."userId" = st."userId" ${oneChallengeF} AND f.misconception IS NOT NULL
            AND f."submissionId" NOT IN (SELECT id FROM ex)
          GROUP BY f."challengeId", f.misconception) t
        GROUP BY t."challengeId", t.tag)
      SELECT 'case' AS kind, c."challengeId", c."caseId",
             (SELECT x."caseName" FROM "SubmissionFailure" x WHERE x."submissionId" = c.latest::uuid AND x."caseId" = c."caseId") AS name,
             c.tag, c.failures, c.students
      FROM cases c
      UNION ALL
      SELECT 'tag', t."challengeId", NULL, NULL, t.tag, t.failures, t.students FROM tags t`,
    // Identical texts are grouped by the database; equivalent ones are merged below.
    challengeId
      ? q.$queryRaw<TAnswerRow[]>`
          SELECT s.answer, COUNT(*) AS n, MAX(s."queuedAt") AS "lastAt", array_agg(DISTINCT s."userId"::text) AS users
          FROM "Submission" s
          WHERE s.status = 'GRADED' AND s.gradable AND s.score < 1 AND s."challengeId" = ${challengeId}::uuid ${inScope}
          GROUP BY s.answer`
      : Promise.resolve(null),
  ]);

  let clusters: TCluster[] | null = null;
  let failingSubmissions = 0;
  if (answers && kind) {
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
  return { dist, fails, clusters, failingSubmissions };
}
