// npm run challenges:sync [-- <dir>]: mirror challenges/ into the database (see server/challenges/sync-challenges.ts).
import { join, resolve } from "node:path";
import { db } from "../server/db";
import { syncChallenges } from "../server/challenges/sync-challenges";

async function main(argv: string[]): Promise<number> {
  const dir = resolve(argv.find((a) => !a.startsWith("--")) ?? join(import.meta.dirname, "..", "challenges"));
  const s = await syncChallenges({ dir });
  const line = (label: string, list: string[]) =>
    console.log(`${label.padEnd(12)} ${list.length}${list.length ? `: ${list.join(", ")}` : ""}`);
  line("created", s.created);
  line("updated", s.updated);
  line("unchanged", s.unchanged);
  line("new versions", s.newVersions);
  line("retired", s.retired);
  line("unretired", s.unretired);
  line(
    "skipped",
    s.skipped.map((x) => x.slug),
  );
  for (const x of s.skipped) for (const e of x.errors) console.log(`  ${x.slug}: error: ${e}`);
  for (const x of s.warnings) for (const w of x.warnings) console.log(`  ${x.slug}: warning: ${w}`);
  return s.skipped.length > 0 ? 1 : 0;
}

main(process.argv.slice(2))
  .then(async (code) => {
    await db().$disconnect();
    process.exit(code);
  })
  .catch(async (e) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    await db()
      .$disconnect()
      .catch(() => {});
    process.exit(1);
  });
