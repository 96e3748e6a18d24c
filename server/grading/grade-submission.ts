import { db, SubmissionStatus } from "../db";
import { logger } from "../log";
import type { TGradeReport } from "../../core/index";

/** Grades a spec against an answer: core/grading, with the worker's sandbox injected for trigger kinds. */
export type TGrader = (spec: unknown, answer: string) => Promise<TGradeReport>;
/** Announces a status change (Redis pub/sub in the worker). Failures are the publisher's to swallow. */
export type TPublish = (submissionId: string, event: { status: SubmissionStatus; score?: number | null }) => void;

export type TGradeOutcome =
  | { result: "graded"; score: number; gradable: boolean }
  | { result: "skipped"; reason: "missing" | "already-graded" | "graded-elsewhere" };

const PLATFORM_ERROR =
  "grading failed because of a problem on our side, not in your answer: this attempt does not count. Submit again in a minute.";

/**
 * Grades one submission by id (the worker's job). Idempotent: a GRADED row is left alone, and the
 * final write only happens if no other worker got there first, so the report and the BestScore
 * update happen exactly once. Throws on infrastructure trouble (database, sandbox host) so the queue retries.
 */
export async function gradeSubmission(
  submissionId: string,
  deps: { grader: TGrader; publish?: TPublish },
): Promise<TGradeOutcome> {
  const log = logger().child({ submissionId });
  const t0 = performance.now();
  // Load the row and mark it RUNNING in one round trip; a GRADED row is left alone (and never
  // turned back to RUNNING by a late duplicate job).
  const startedAt = new Date();
  const [sub] = await db().$queryRaw<TClaimed[]>`
    UPDATE "Submission" s SET status = 'RUNNING', "startedAt" = ${startedAt}
    FROM "Challenge" c
    WHERE s.id = ${submissionId}::uuid AND s.status <> 'GRADED' AND c.id = s."challengeId"
    RETURNING s.id, s."userId", s."challengeId", s.answer, s."queuedAt", s."challengeVersionId", c.slug`;
  if (!sub) {
    const exists = await db().submission.findUnique({ where: { id: submissionId }, select: { id: true } });
    if (!exists) {
      log.warn("submission not found: dropping the job");
      return { result: "skipped", reason: "missing" };
    }
    return { result: "skipped", reason: "already-graded" };
  }

  deps.publish?.(sub.id, { status: SubmissionStatus.RUNNING });
  const loadMs = performance.now() - t0;

  const tGrade = performance.now();
  const spec = await specOf(sub.challengeVersionId);
  const graded = await deps.grader(spec, sub.answer);
  const gradeMs = performance.now() - tGrade;
  const report = await withHintPenalty(graded, spec, sub.userId, sub.challengeId, sub.queuedAt);

  const tDb = performance.now();
  const gradedAt = new Date();
  const timings = {
    queueMs: Math.max(0, startedAt.getTime() - sub.queuedAt.getTime()),
    loadMs: round(loadMs),
    gradeMs: round(gradeMs),
    ...report.timings,
  };
  // One round trip, one transaction: bastion_record_grade (prisma/migrations/20261128190000_hot_path_functions)
  // writes the report only if no other worker got there first, and for a gradable result also the
  // failing cases, the BestScore upsert and the UserTotal, under a per-user lock.
  const failures = report.gradable
    ? report.cases
        .filter((c) => !c.passed)
        .map((c) => ({ caseId: c.id, caseName: c.name, misconception: c.misconception ?? null }))
    : [];
  const [{ written }] = await db().$queryRaw<{ written: boolean }[]>`
    SELECT bastion_record_grade(${sub.id}::uuid, ${report.gradable}, ${report.score}::float8, ${report.points}::float8,
      ${jsonb(report)}::jsonb, ${jsonb(timings)}::jsonb, ${gradedAt}::timestamp(3),
      ${jsonb(failures)}::jsonb) AS written`;
  const dbMs = performance.now() - tDb;
  if (!written) return { result: "skipped", reason: "graded-elsewhere" };
  deps.publish?.(sub.id, { status: SubmissionStatus.GRADED, score: report.score });
  log.info(
    {
      challenge: sub.slug,
      score: report.score,
      gradable: report.gradable,
      queueMs: timings.queueMs,
      loadMs: round(loadMs),
      gradeMs: round(gradeMs),
      dbMs: round(dbMs),
    },
    "graded",
  );
  return { result: "graded", score: report.score, gradable: report.gradable };
}

/**
 * Hints cost points: the costs of the hints the student revealed before submitting come off the
 * points of this submission (never below zero). The score (share of cases passed) is unchanged.
 */
async function withHintPenalty(
  report: TGradeReport,
  spec: unknown,
  userId: string,
  challengeId: string,
  before: Date,
): Promise<TGradeReport> {
  const hints = (spec as { hints?: { cost?: number }[] }).hints ?? [];
  if (!report.gradable || !hints.some((h) => (h.cost ?? 0) > 0)) return report;
  const revealed = await db().hintReveal.findMany({
    where: { userId, challengeId, revealedAt: { lte: before } },
    select: { hintIndex: true },
  });
  const penalty = revealed.reduce((n, r) => n + (hints[r.hintIndex]?.cost ?? 0), 0);
  if (penalty <= 0) return report;
  return { ...report, hintPenalty: penalty, points: Math.max(0, round(report.points - penalty)) } as TGradeReport;
}

// ChallengeVersions never change once written, so a worker may keep their specs in memory.
const specCache = new Map<string, unknown>();
async function specOf(versionId: string): Promise<unknown> {
  const hit = specCache.get(versionId);
  if (hit !== undefined) return hit;
  const v = await db().challengeVersion.findUniqueOrThrow({ where: { id: versionId }, select: { spec: true } });
  if (specCache.size >= 500) specCache.delete(specCache.keys().next().value!);
  specCache.set(versionId, v.spec);
  return v.spec;
}

type TClaimed = {
  id: string;
  userId: string;
  challengeId: string;
  answer: string;
  queuedAt: Date;
  challengeVersionId: string;
  slug: string;
};

/** After the last retry: the row becomes ERROR with a message that puts the blame where it belongs. */
export async function markSubmissionError(submissionId: string, cause: string, publish?: TPublish): Promise<void> {
  const res = await db().submission.updateMany({
    where: { id: submissionId, status: { not: SubmissionStatus.GRADED } },
    data: {
      status: SubmissionStatus.ERROR,
      errorMessage: PLATFORM_ERROR,
      gradedAt: new Date(),
      timings: JSON.parse(jsonb({ platformError: cause.slice(0, 500) })),
    },
  });
  if (res.count) publish?.(submissionId, { status: SubmissionStatus.ERROR });
}

/**
 * JSON text for a jsonb parameter. Postgres refuses `\u0000` and half a surrogate pair in jsonb, and a
 * report quotes the student (a parse error's character, a trigger's log line or thrown message): a
 * hostile answer must be graded, not retried into a platform error. JSON.stringify writes both as
 * `\uXXXX` escapes (a whole surrogate pair it writes as is), so they are replaced by U+FFFD there.
 */
export function jsonb(value: unknown): string {
  return JSON.stringify(value).replace(/(?<!\\)((?:\\\\)*)\\u(?:0000|d[89a-f][0-9a-f]{2})/gi, "$1\\ufffd");
}

const round = (n: number) => Math.round(n * 100) / 100;
