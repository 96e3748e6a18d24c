// Drops this run's e2e database and Redis keys when Playwright is done (playwright.config.ts's
// globalTeardown), so runs do not pile up databases. The database is per run (its name carries the
// run's port), so another run on the machine is never touched.
import { dropDatabase, dropRedisPrefix } from "../helpers/test-db";

export default async function teardown(): Promise<void> {
  const url = process.env.E2E_DATABASE_URL;
  const name = url ? new URL(url).pathname.slice(1) : "";
  if (!name.startsWith("bastion_e2e_")) return;
  await dropDatabase(name);
  await dropRedisPrefix(process.env.E2E_REDIS_URL ?? "redis://127.0.0.1:6379", `bastion-e2e-${process.env.E2E_PORT}`);
}
