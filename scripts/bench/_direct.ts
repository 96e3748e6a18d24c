process.env.DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/bastion_benchweb";
const { db } = await import("../../server/db");
const { loadSessionUser } = await import("../../server/users/load-session-user");
const { getLeaderboard } = await import("../../server/leaderboard/get-leaderboard");
const { listCatalog } = await import("../../server/challenges/list-catalog");
const [me] = await db().$queryRaw<{ id: string }[]>`SELECT u.id FROM "User" u JOIN "Membership" m ON m."userId" = u.id JOIN "UserTotal" t ON t."userId" = u.id ORDER BY t."totalPoints" DESC, u.id OFFSET 100 LIMIT 1`;
const user = (await loadSessionUser(me.id, 0))!;
const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.ceil((p / 100) * xs.length) - 1];
for (const [name, fn] of [["lb", () => getLeaderboard(user, { page: 1 })], ["cat", () => listCatalog(user, {})]] as const) {
  for (let i = 0; i < 10; i++) await fn();
  const xs: number[] = [];
  for (let i = 0; i < 50; i++) { const t = performance.now(); await fn(); xs.push(performance.now() - t); }
  console.log(name, "p50", q(xs, 50).toFixed(1), "p95", q(xs, 95).toFixed(1));
}
const plan = await db().$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN ANALYZE SELECT t."userId", u."displayName", t."totalPoints", t."solvedCount", t."reachedAt", ROW_NUMBER() OVER (ORDER BY t."totalPoints" DESC, t."reachedAt" ASC, t."userId") AS rank FROM "UserTotal" t JOIN "User" u ON u.id = t."userId" WHERE t."totalPoints" > 0 AND NOT u.disabled ORDER BY t."totalPoints" DESC, t."reachedAt" ASC, t."userId" LIMIT 25 OFFSET 0`);
console.log(plan.map((r) => r["QUERY PLAN"]).join("\n"));
await db().$disconnect();
