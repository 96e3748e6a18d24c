// Loads the real catalogue plus the leak-test canary (tests/fixtures/leak) into the e2e database.
// Run by prepare.ts, and again by the leak spec (an admin spec's "Sync now" retires the canary).
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export async function syncE2eChallenges() {
  const dir = mkdtempSync(join(tmpdir(), "bastion-e2e-challenges-"));
  for (const src of ["challenges", "tests/fixtures/leak"]) {
    for (const entry of readdirSync(src, { withFileTypes: true })) {
      if (entry.isDirectory()) cpSync(join(src, entry.name), join(dir, entry.name), { recursive: true });
    }
  }
  const { syncChallenges } = await import("../../server/challenges/sync-challenges");
  try {
    return await syncChallenges({ dir });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith("sync-challenges.ts")) {
  const summary = await syncE2eChallenges();
  const { db } = await import("../../server/db");
  await db().$disconnect();
  console.log(`synced: ${summary.created.length} created, ${summary.skipped.length} skipped`);
}
