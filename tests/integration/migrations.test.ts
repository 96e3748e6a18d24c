import { afterAll, describe, expect, it } from "vitest";
import pg from "pg";
import { dbUrl, dropDatabase, uniqueName } from "../helpers/test-db";
import { ensureDatabase, migrate, migrationNames } from "../../scripts/db/migrate-lib";
import { EMPTY_MIGRATION, schemaDiff } from "../../scripts/db/schema-diff.mts";

const name = uniqueName("bastion_mig");
afterAll(() => dropDatabase(name));

describe("migrations", () => {
  it("apply on an empty database, create every table, and a second run applies nothing", async () => {
    const url = dbUrl(name);
    expect(await ensureDatabase(url)).toBe(true);
    const applied = await migrate(url);
    expect(applied).toEqual(migrationNames());
    expect(await migrate(url)).toEqual([]);

    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const tables = (await c.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`)).rows.map(
      (r) => r.tablename,
    );
    await c.end();
    for (const t of [
      "User",
      "Cohort",
      "Membership",
      "Challenge",
      "ChallengeVersion",
      "Assignment",
      "Submission",
      "BestScore",
      "UserTotal",
      "ApiToken",
    ]) {
      expect(tables).toContain(t);
    }
  });

  it("agree with schema.prisma (the drift check)", async () => {
    const sql = (await schemaDiff({ url: dbUrl("postgres"), from: { tag: "migrations" } })).trim();
    expect(sql === "" || sql === EMPTY_MIGRATION ? "in sync" : sql).toBe("in sync");
  });

  it("refuse a migration edited after it was applied", async () => {
    const url = dbUrl(name);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`UPDATE "_prisma_migrations" SET checksum = 'tampered' WHERE migration_name = $1`, [
      migrationNames()[0],
    ]);
    await c.end();
    await expect(migrate(url)).rejects.toThrow(/was changed after it was applied/);
  });
});
