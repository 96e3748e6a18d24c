// The grading worker process: `npm run worker`. Takes grading jobs from Redis, grades, writes results.
import { loadEnv } from "../server/env-file";

loadEnv();
process.env.BASTION_SERVICE ??= "worker";
const { startWorker } = await import("./runtime");
const { logger } = await import("../server/log");
try {
  await startWorker();
} catch (e) {
  // e.g. SANDBOX_BWRAP=required without bubblewrap, or an isolated-vm built without our patch.
  logger().fatal({ err: (e as Error).message }, "worker could not start");
  process.exit(1);
}
