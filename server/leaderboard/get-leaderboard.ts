import { db } from "../db";

export type TLeaderRow = {
  rank: number;
  userId: string;
  displayName: string;
  totalPoints: number;
  solvedCount: number;
  reachedAt: Date;
};

/** The overall leaderboard: total points, ties broken by who reached the total first. */
export async function getLeaderboard(opts: {
  page: number;
  pageSize: number;
}): Promise<{ rows: TLeaderRow[]; total: number }> {
  const pageSize = Math.min(Math.max(opts.pageSize, 1), 100);
  const page = Math.max(opts.page, 1);
  const [rows, total] = await Promise.all([
    db().userTotal.findMany({
      where: { totalPoints: { gt: 0 }, user: { disabled: false } },
      orderBy: [{ totalPoints: "desc" }, { reachedAt: "asc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: {
        userId: true,
        totalPoints: true,
        solvedCount: true,
        reachedAt: true,
        user: { select: { displayName: true } },
      },
    }),
    db().userTotal.count({ where: { totalPoints: { gt: 0 }, user: { disabled: false } } }),
  ]);
  return {
    total,
    rows: rows.map((r, i) => ({
      rank: (page - 1) * pageSize + i + 1,
      userId: r.userId,
      displayName: r.user.displayName,
      totalPoints: r.totalPoints,
      solvedCount: r.solvedCount,
      reachedAt: r.reachedAt,
    })),
  };
}
