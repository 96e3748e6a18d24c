import { join } from "node:path";
import { requireAdmin, type TActor } from "../authz";
import { AppError } from "../errors";
import { syncChallenges, type TSyncSummary } from "../challenges/sync-challenges";

let running = false;

/**
 * "Sync now" on the admin page: the same code as `npm run challenges:sync`, on `<cwd>/challenges`
 * (the server runs from the repository root). One sync at a time per process.
 */
export async function syncChallengesNow(actor: TActor, dir = join(process.cwd(), "challenges")): Promise<TSyncSummary> {
  requireAdmin(actor);
  if (running) throw new AppError("conflict", "a sync is already running: wait for it to finish");
  running = true;
  try {
    return await syncChallenges({ dir });
  } finally {
    running = false;
  }
}
