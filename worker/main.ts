// The grading worker process: `npm run worker`. Takes grading jobs from Redis, grades, writes results.
import { loadEnv } from "../server/env-file";

loadEnv();
process.env.BASTION_SERVICE ??= "worker";
const { startWorker } = await import("./runtime");
await startWorker();
