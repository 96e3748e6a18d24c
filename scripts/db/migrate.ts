// npm run db:migrate: creates the database if needed and applies prisma/migrations.
import { loadEnv } from "../../server/env-file";
import { DEFAULT_DATABASE_URL } from "../../server/env";
import { ensureDatabase, migrate, migrationNames } from "./migrate-lib";

loadEnv();
const url = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
try {
  if (await ensureDatabase(url)) console.log(`created database ${new URL(url).pathname.slice(1)}`);
  const applied = await migrate(url, { log: (l) => console.log(l) });
  console.log(`${migrationNames().length} migration(s) present, ${applied.length} applied, database up to date`);
} catch (e) {
  console.error(`db:migrate failed: ${(e as Error).message}`);
  process.exit(1);
}
