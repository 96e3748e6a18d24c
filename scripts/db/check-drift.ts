// npm run db:check-drift: fails when prisma/schema.prisma and prisma/migrations disagree.
import { loadEnv } from "../../server/env-file";
import { DEFAULT_DATABASE_URL } from "../../server/env";
import { EMPTY_MIGRATION, schemaDiff } from "./schema-diff.mts";

loadEnv();
const url = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
const sql = (await schemaDiff({ url, from: { tag: "migrations" } })).trim();
if (sql === "" || sql === EMPTY_MIGRATION) {
  console.log("schema.prisma and prisma/migrations agree");
  process.exit(0);
}
console.error("schema.prisma and prisma/migrations disagree. The missing migration is:\n");
console.error(sql);
console.error(
  "\nwrite it with: mkdir prisma/migrations/<yyyymmddhhmmss>_<name> && npm run -s db:diff > that/migration.sql",
);
process.exit(1);
