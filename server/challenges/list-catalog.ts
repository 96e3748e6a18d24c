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

const statusOf = (i: TCatalogItem): TCatalogStatus => (i.solved ? "solved" : i.attempts > 0 ? "attempted" : "not-started");

/**
 * The live challenges with the student's status on each, their cohorts' assignments first (by due
 * date), then by domain and difficulty; filtered as asked; plus the progress summary over all of them.
 */
export async function listCatalog(user: TSessionUser, rawFilters: unknown = {}): Promise<TCatalog> {
  const filters = ZCatalogFilters.parse(rawFilters ?? {});
  const [rows, assignments] = await Promise.all([
    db().challenge.findMany({
      where: { retiredAt: null, currentVersionId: { not: null } },
      orderBy: [{ domain: "asc" }, { difficulty: "asc" }, { title: "asc" }],
      select: {
        id: true,
        slug: true,
        title: true,
        kind: true,
        difficulty: true,
        points: true,
        domain: true,
        tags: true,
        bestScores: { where: { userId: user.id }, select: { bestScore: true, bestPoints: true, attempts: true, solvedAt: true } },
      },
    }),
    db().assignment.findMany({
      where: { opensAt: { lte: new Date() }, cohort: { archived: false, memberships: { some: { userId: user.id, role: "STUDENT" } } } },
      select: { challengeId: true, dueAt: true, cohort: { select: { name: true } }, extensions: { where: { userId: user.id }, select: { dueAt: true } } },
    }),
  ]);
  const assignedBy = new Map<string, { cohort: string; dueAt: Date | null }>();
  for (const a of assignments) {
    const dueAt = a.extensions[0]?.dueAt ?? a.dueAt;
    const prev = assignedBy.get(a.challengeId);
    if (!prev || (dueAt && (!prev.dueAt || dueAt < prev.dueAt))) assignedBy.set(a.challengeId, { cohort: a.cohort.name, dueAt });
  }
  const all: TCatalogItem[] = rows.map((r) => {
    const best = r.bestScores[0];
    return {
      slug: r.slug,
      title: r.title,
      kind: r.kind,
      difficulty: r.difficulty,
      points: r.points,
      domain: r.domain,
      tags: r.tags,
      bestScore: best ? best.bestScore : null,
      bestPoints: best?.bestPoints ?? 0,
      attempts: best?.attempts ?? 0,
      solved: !!best?.solvedAt,
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
