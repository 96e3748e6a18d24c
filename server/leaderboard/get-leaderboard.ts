import { db, Prisma } from "../db";
import { AppError } from "../errors";
import { requireUser, type TActor } from "../authz";

export type TLeaderRow = {
  rank: number;
  userId: string;
  displayName: string;
  totalPoints: number;
  solvedCount: number;
  reachedAt: Date;
};

export type TLeaderboard = {
  rows: TLeaderRow[];
  total: number;
  page: number;
  pageSize: number;
  pages: number;
  /** The caller's own row, also when it is not on this page; null before their first points. */
  me: TLeaderRow | null;
};

export const PAGE_SIZE = 25;

type TRaw = {
  userId: string;
  displayName: string;
  totalPoints: number;
  solvedCount: number;
  reachedAt: Date;
  rank: bigint;
};

/**
 * Rank = total points, ties broken by who reached that total first. `cohortId` limits it to the
 * cohort's students. Every query reads the UserTotal index (totalPoints DESC, reachedAt, userId) in
 * leaderboard order, index-only: a page at any offset skips index entries, not rows, and only the
 * 25 rows shown are joined with their user. Disabled users (few) are left out through a hashed list.
 */
export async function getLeaderboard(
  actor: TActor,
  opts: { page?: number; cohortId?: string } = {},
): Promise<TLeaderboard> {
  const user = requireUser(actor);
  const cohortFilter = opts.cohortId
    ? Prisma.sql`AND t."userId" IN (SELECT m."userId" FROM "Membership" m WHERE m."cohortId" = ${opts.cohortId}::uuid AND m.role = 'STUDENT')`
    : Prisma.empty;
  const base = Prisma.sql`FROM "UserTotal" t
    WHERE t."totalPoints" > 0 AND t."userId" NOT IN (SELECT d.id FROM "User" d WHERE d.disabled) ${cohortFilter}`;
  const pageRows = (page: number) => db().$queryRaw<TRaw[]>`
    SELECT p."userId", u."displayName", x."totalPoints", x."solvedCount", x."reachedAt", p.rank
    FROM (
      SELECT t."userId",
             ${(page - 1) * PAGE_SIZE}::bigint + ROW_NUMBER() OVER (ORDER BY t."totalPoints" DESC, t."reachedAt" ASC, t."userId") AS rank
      ${base}
      ORDER BY t."totalPoints" DESC, t."reachedAt" ASC, t."userId"
      LIMIT ${PAGE_SIZE} OFFSET ${(page - 1) * PAGE_SIZE}
    ) p
    JOIN "UserTotal" x ON x."userId" = p."userId"
    JOIN "User" u ON u.id = p."userId"
    ORDER BY p.rank`;
  const ahead = Prisma.sql`SELECT COUNT(*) + 1 ${base}
      AND (t."totalPoints" > o."totalPoints" OR (t."totalPoints" = o."totalPoints" AND (t."reachedAt", t."userId") < (o."reachedAt", o."userId")))`;
  // The count, the asked-for page, the caller's own row and (for a cohort) their membership are
  // independent: one round of parallel queries. The page is re-read only if it had to be clamped.
  // Clamped before it reaches SQL: `?page=99999999999999999999` is a page past the end, not an error.
  const requested = Math.min(1_000_000, Math.max(1, Math.floor(opts.page ?? 1) || 1));
  const [[{ count }], firstRows, mine, iCount] = await Promise.all([
    db().$queryRaw<{ count: bigint }[]>`SELECT COUNT(*) AS count ${base}`,
    pageRows(requested),
    db().$queryRaw<TRaw[]>`
      SELECT o."userId", ou."displayName", o."totalPoints", o."solvedCount", o."reachedAt", (${ahead}) AS rank
      FROM "UserTotal" o JOIN "User" ou ON ou.id = o."userId"
      WHERE o."userId" = ${user.id}::uuid AND o."totalPoints" > 0`,
    opts.cohortId
      ? db()
          .membership.count({ where: { userId: user.id, cohortId: opts.cohortId, role: "STUDENT" } })
          .then((n) => n > 0)
      : Promise.resolve(true),
  ]);
  const total = Number(count);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(requested, pages);
  const rows = page === requested ? firstRows : await pageRows(page);
  const toRow = (r: TRaw): TLeaderRow => ({
    ...r,
    rank: Number(r.rank),
    totalPoints: Number(r.totalPoints),
    solvedCount: Number(r.solvedCount),
  });
  const me = rows.find((r) => r.userId === user.id) ?? (iCount ? mine[0] : undefined);
  return { rows: rows.map(toRow), total, page, pageSize: PAGE_SIZE, pages, me: me ? toRow(me) : null };
}

/** A cohort leaderboard is for the cohort's members (and admins); anyone else gets "not found". */
export async function assertCohortVisible(actor: TActor, cohortId: string): Promise<{ id: string; name: string }> {
  const user = requireUser(actor);
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(cohortId))
    throw new AppError("not-found", "no such cohort");
  const cohort = await db().cohort.findUnique({
    where: { id: cohortId },
    select: { id: true, name: true, memberships: { where: { userId: user.id }, select: { role: true } } },
  });
  if (!cohort || (cohort.memberships.length === 0 && user.role !== "ADMIN"))
    throw new AppError("not-found", "no such cohort");
  return { id: cohort.id, name: cohort.name };
}
