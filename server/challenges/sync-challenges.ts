// `challenges:sync` and the admin page: mirror challenges/ into the database. Challenge rows are
// keyed by the yaml uuid; a ChallengeVersion is created only when the content hash changes; folders
// that disappeared are retired (history kept) and un-retired when they come back. A broken folder
// is reported and skipped: its last good version stays live with the problems in `syncIssues`.
import { db as defaultDb, type TDb } from "../db";
import { Prisma } from "../generated/prisma/client";
import { loadAllChallenges, peekUuid, type TLoadedChallenge } from "./load-challenge";

export interface TSyncSummary {
  created: string[];
  updated: string[];
  unchanged: string[];
  /** slugs that got a new ChallengeVersion (created ones included) */
  newVersions: string[];
  retired: string[];
  unretired: string[];
  /** broken folders: not written (an existing row keeps its last good version) */
  skipped: Array<{ slug: string; uuid?: string; errors: string[] }>;
  warnings: Array<{ slug: string; warnings: string[] }>;
}

function issues(item: TLoadedChallenge): Prisma.InputJsonValue | undefined {
  if (item.errors.length === 0 && item.warnings.length === 0) return undefined;
  return { errors: item.errors, warnings: item.warnings };
}

/** Syncs every folder under `dir`. Throws only for database failures. */
export async function syncChallenges(options: { dir: string; db?: TDb; now?: Date }): Promise<TSyncSummary> {
  const client = options.db ?? defaultDb();
  const now = options.now ?? new Date();
  const items = loadAllChallenges(options.dir);
  const summary: TSyncSummary = { created: [], updated: [], unchanged: [], newVersions: [], retired: [], unretired: [], skipped: [], warnings: [] };
  const good = items.filter((it) => it.spec && it.contentHash);

  // Slugs move between uuids on renames: free every slug an incoming challenge needs first.
  const incoming = new Map(good.map((it) => [it.slug, it.spec!.uuid]));
  const holders = await client.challenge.findMany({ where: { slug: { in: [...incoming.keys()] } }, select: { id: true, slug: true } });
  for (const h of holders) {
    if (incoming.get(h.slug) !== h.id) {
      await client.challenge.update({ where: { id: h.id }, data: { slug: `${h.slug}~${h.id.slice(0, 8)}` } });
    }
  }

  for (const it of good) {
    const spec = it.spec!;
    const hash = it.contentHash!;
    const fields = { slug: it.slug, title: spec.title, kind: spec.kind, difficulty: spec.difficulty, points: spec.points, domain: spec.domain, tags: spec.tags };
    const syncIssues = issues(it);
    await client.$transaction(async (tx) => {
      const before = await tx.challenge.findUnique({ where: { id: spec.uuid }, include: { currentVersion: { select: { contentHash: true } } } });
      if (!before) {
        await tx.challenge.create({ data: { id: spec.uuid, ...fields, syncedAt: now, ...(syncIssues ? { syncIssues } : {}) } });
        summary.created.push(it.slug);
      }
      let version = await tx.challengeVersion.findUnique({ where: { challengeId_contentHash: { challengeId: spec.uuid, contentHash: hash } }, select: { id: true } });
      if (!version) {
        version = await tx.challengeVersion.create({ data: { challengeId: spec.uuid, contentHash: hash, spec: spec as unknown as Prisma.InputJsonValue }, select: { id: true } });
        summary.newVersions.push(it.slug);
      }
      if (before) {
        const changed =
          before.currentVersionId !== version.id ||
          before.slug !== fields.slug ||
          before.title !== fields.title ||
          before.retiredAt !== null ||
          JSON.stringify(before.syncIssues ?? null) !== JSON.stringify(syncIssues ?? null);
        if (before.retiredAt) summary.unretired.push(it.slug);
        (changed ? summary.updated : summary.unchanged).push(it.slug);
      }
      await tx.challenge.update({
        where: { id: spec.uuid },
        data: { ...fields, currentVersionId: version.id, retiredAt: null, syncedAt: now, syncIssues: syncIssues ?? Prisma.DbNull },
      });
    });
    if (it.warnings.length > 0) summary.warnings.push({ slug: it.slug, warnings: it.warnings });
  }

  // Broken folders: keep the last good version live, record why the sync skipped them.
  const present = new Set(good.map((it) => it.spec!.uuid));
  for (const it of items.filter((x) => !x.spec)) {
    const uuid = peekUuid(it.dir);
    summary.skipped.push({ slug: it.slug, uuid, errors: it.errors });
    if (!uuid) continue;
    present.add(uuid);
    await client.challenge.updateMany({ where: { id: uuid }, data: { syncIssues: issues(it) ?? {}, syncedAt: now } });
  }

  const gone = await client.challenge.findMany({ where: { retiredAt: null, id: { notIn: [...present] } }, select: { id: true, slug: true } });
  if (gone.length > 0) {
    await client.challenge.updateMany({ where: { id: { in: gone.map((g) => g.id) } }, data: { retiredAt: now } });
    summary.retired.push(...gone.map((g) => g.slug));
  }
  return summary;
}
