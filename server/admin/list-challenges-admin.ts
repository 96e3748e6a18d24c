import { db } from "../db";
import { requireAdmin, type TActor } from "../authz";

export type TSyncIssues = { errors: string[]; warnings: string[] };

function readIssues(raw: unknown): TSyncIssues {
  const o = raw && typeof raw === "object" ? (raw as Record<string, unknown>) : {};
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
  return { errors: list(o.errors), warnings: list(o.warnings) };
}

/** The whole catalogue for admins, retired challenges included, with version and sync state. */
export async function listChallengesForAdmin(actor: TActor) {
  requireAdmin(actor);
  const rows = await db().challenge.findMany({
    orderBy: [{ retiredAt: { sort: "asc", nulls: "first" } }, { slug: "asc" }],
    select: {
      id: true,
      slug: true,
      title: true,
      kind: true,
      domain: true,
      points: true,
      retiredAt: true,
      syncedAt: true,
      syncIssues: true,
      currentVersion: { select: { contentHash: true, createdAt: true } },
      _count: { select: { versions: true } },
    },
  });
  return rows.map(({ syncIssues, _count, currentVersion, ...r }) => ({
    ...r,
    versionHash: currentVersion?.contentHash ?? null,
    versionCreatedAt: currentVersion?.createdAt ?? null,
    versions: _count.versions,
    issues: readIssues(syncIssues),
  }));
}
