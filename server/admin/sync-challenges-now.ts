import { requireAdmin, type TActor } from "../authz";
import { syncChallenges, type TSyncSummary } from "../challenges/sync-challenges";

/** "Sync now" on the admin page: the same code as `npm run challenges:sync`, on `dir`. */
export async function syncChallengesNow(actor: TActor, dir: string): Promise<TSyncSummary> {
  requireAdmin(actor);
  return syncChallenges({ dir });
}
