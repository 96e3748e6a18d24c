// Prints the SQL of a schema change (the offline stand-in for `prisma migrate diff`).
//   npm run -s db:diff                        migrations folder -> prisma/schema.prisma (a new migration)
//   npm run -s db:diff -- --from-empty        the whole schema from nothing
//   npm run -s db:diff -- --from-schema old.prisma
// Workflow: mkdir prisma/migrations/<yyyymmddhhmmss>_<name> && npm run -s db:diff > that/migration.sql
import { schemaDiff, type TDiffFrom } from "./schema-diff.mts";
import { loadEnv } from "../../server/env-file.ts";
import { DEFAULT_DATABASE_URL } from "../../server/env.ts";

loadEnv();
const args = process.argv.slice(2);
const i = args.indexOf("--from-schema");
const from: TDiffFrom = args.includes("--from-empty")
  ? { tag: "empty" }
  : i >= 0
    ? { tag: "schema", path: args[i + 1] }
    : { tag: "migrations" };
const url = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
const sql = await schemaDiff({ url, from });
process.stdout.write(sql);
process.exit(0); // the pg pool would otherwise keep the process alive ~10 s
