// Recreates the e2e database before the web server starts (run by playwright.config.ts), and loads
// the real catalogue plus the leak-test canary (tests/fixtures/leak) into it.
import { dropRedisPrefix, freshDatabase } from "../helpers/test-db";
import { syncE2eChallenges } from "./sync-challenges";

const url = process.env.DATABASE_URL!;
const name = new URL(url).pathname.slice(1);
if (!name.startsWith("bastion_e2e"))
  throw new Error(`refusing to recreate ${name}: e2e databases start with bastion_e2e`);
await freshDatabase(name);
// Flush this run's Redis keys (rate limits, queue) so an earlier run cannot leak into this one.
await dropRedisPrefix(process.env.REDIS_URL!, process.env.REDIS_PREFIX ?? "bastion-e2e");
const summary = await syncE2eChallenges();
const { db } = await import("../../server/db");
await db().$disconnect();
console.log(`e2e database ${name} ready: ${JSON.stringify({ created: summary.created, skipped: summary.skipped })}`);
