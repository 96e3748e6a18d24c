import { db } from "../db";
import type { TSessionUser } from "../authz";

export type TCatalogItem = {
  slug: string;
  title: string;
  kind: string;
  difficulty: number;
  points: number;
  domain: string;
  tags: string[];
  bestScore: number | null;
  attempts: number;
  solved: boolean;
};

/** The live challenges with the student's status on each. */
export async function listCatalog(user: TSessionUser): Promise<TCatalogItem[]> {
  const rows = await db().challenge.findMany({
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
      bestScores: { where: { userId: user.id }, select: { bestScore: true, attempts: true, solvedAt: true } },
    },
  });
  return rows.map((r) => {
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
      attempts: best?.attempts ?? 0,
      solved: !!best?.solvedAt,
    };
  });
}
