import { z } from "zod";
import { db } from "../db";
import type { TSessionUser } from "../authz";
import { CHALLENGE_KINDS, EXAM_DOMAINS } from "./schema";

export type TCatalogItem = {
  slug: string;
  title: string;
  kind: string;
  difficulty: number;
  points: number;
  domain: string;
  tags: string[];
  bestScore: number | null;
  bestPoints: number;
  attempts: number;
  solved: boolean;
  /** The earliest due date among the student's cohorts that assigned it (null: assigned, no due date). */
  assignment: { cohort: string; dueAt: Date | null } | null;
};

export type TCatalogStatus = "not-started" | "attempted" | "solved";

/** Catalog filters, as they arrive in the URL. Anything unknown is ignored, never an error. */
export const ZCatalogFilters = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  kind: z.enum(CHALLENGE_KINDS).optional().catch(undefined),
  difficulty: z.coerce.number().int().min(1).max(5).optional().catch(undefined),
  domain: z.enum(EXAM_DOMAINS).optional().catch(undefined),
  status: z.enum(["not-started", "attempted", "solved"]).optional().catch(undefined),
});
export type TCatalogFilters = z.infer<typeof ZCatalogFilters>;

export type TCatalog = {
  items: TCatalogItem[];
  /** All live challenges before filtering (for the progress summary). */
  progress: {
    solved: number;
    total: number;
    points: number;
    maxPoints: number;
    byDomain: { domain: string; solved: number; total: number; points: number; maxPoints: number }[];
  };
};

/** A catalogue row as the query returns it: the item before the student's numbers are settled. */
type TRow = Omit<TCatalogItem, "bestPoints" | "attempts" | "solved" | "assignment"> & {
  id: string;
  bestPoints: number | null;
  attempts: number | null;
  solvedAt: Date | null;
};

const statusOf = (i: TCatalogItem): TCatalogStatus => (i.solved ? "solved" : i.attempts > 0 ? "attempted" : "not-started");

/**
 * The live challenges with the student's status on each, their cohorts' assignments first (by due
 * date), then by domain and difficulty; filtered as asked; plus the progress summary over all of them.
 */
export async function listCatalog(user: TSessionUser, rawFilters: unknown = {}): Promise<TCatalog> {
  const filters = ZCatalogFilters.parse(rawFilters ?? {});
  // Two plain queries in parallel: each challenge with the caller's BestScore (one join), and the
  // open assignments of the caller's cohorts with their extension (one join).
  const now = new Date();
  const [rows, assignments] = await Promise.all([
    db().$queryRaw<TRow[]>`
      SELECT c.id, c.slug, c.title, c.kind, c.difficulty, c.points, c.domain, c.tags,
             b."bestScore", b."bestPoints", b.attempts, b."solvedAt"
      FROM "Challenge" c
      LEFT JOIN "BestScore" b ON b."challengeId" = c.id AND b."userId" = ${user.id}::uuid
      WHERE c."retiredAt" IS NULL AND c."currentVersionId" IS NOT NULL
      ORDER BY c.domain ASC, c.difficulty ASC, c.title ASC`,
    db().$queryRaw<{ challengeId: string; dueAt: Date | null; cohort: string; extensionDueAt: Date | null }[]>`
      SELECT a."challengeId", a."dueAt", co.name AS cohort, e."dueAt" AS "extensionDueAt"
      FROM "Assignment" a
      JOIN "Cohort" co ON co.id = a."cohortId" AND NOT co.archived
      LEFT JOIN "AssignmentExtension" e ON e."assignmentId" = a.id AND e."userId" = ${user.id}::uuid
      WHERE a."opensAt" <= ${now}
        AND EXISTS (SELECT 1 FROM "Membership" m WHERE m."cohortId" = a."cohortId" AND m."userId" = ${user.id}::uuid AND m.role = 'STUDENT')`,
  ]);
  const assignedBy = new Map<string, { cohort: string; dueAt: Date | null }>();
  for (const a of assignments) {
    const dueAt = a.extensionDueAt ?? a.dueAt;
    const prev = assignedBy.get(a.challengeId);
    if (!prev || (dueAt && (!prev.dueAt || dueAt < prev.dueAt))) assignedBy.set(a.challengeId, { cohort: a.cohort, dueAt });
  }
  const all: TCatalogItem[] = rows.map((r) => {
    const attempted = r.bestPoints !== null;
    return {
      slug: r.slug,
      title: r.title,
      kind: r.kind,
      difficulty: r.difficulty,
      points: r.points,
      domain: r.domain,
      tags: r.tags,
      bestScore: attempted ? r.bestScore : null,
      bestPoints: r.bestPoints ?? 0,
      attempts: r.attempts ?? 0,
      solved: !!r.solvedAt,
      assignment: assignedBy.get(r.id) ?? null,
    };
  });
  const byDomain = EXAM_DOMAINS.map((domain) => {
    const inDomain = all.filter((i) => i.domain === domain);
    return {
      domain,
      solved: inDomain.filter((i) => i.solved).length,
      total: inDomain.length,
      points: inDomain.reduce((n, i) => n + i.bestPoints, 0),
      maxPoints: inDomain.reduce((n, i) => n + i.points, 0),
    };
  }).filter((d) => d.total > 0);
  const q = filters.q?.toLowerCase();
  const items = all
    .filter((i) => !filters.kind || i.kind === filters.kind)
    .filter((i) => !filters.difficulty || i.difficulty === filters.difficulty)
    .filter((i) => !filters.domain || i.domain === filters.domain)
    .filter((i) => !filters.status || statusOf(i) === filters.status)
    .filter((i) => !q || i.title.toLowerCase().includes(q) || i.slug.includes(q) || i.tags.some((t) => t.toLowerCase().includes(q)))
    .sort((a, b) => {
      if (!!a.assignment !== !!b.assignment) return a.assignment ? -1 : 1;
      if (a.assignment && b.assignment) return (a.assignment.dueAt?.getTime() ?? Infinity) - (b.assignment.dueAt?.getTime() ?? Infinity);
      return 0;
    });
  return {
    items,
    progress: {
      solved: all.filter((i) => i.solved).length,
      total: all.length,
      points: Math.round(all.reduce((n, i) => n + i.bestPoints, 0)),
      maxPoints: all.reduce((n, i) => n + i.points, 0),
      byDomain,
    },
  };
}
