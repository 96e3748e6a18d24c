import { Worker, type Job } from "bullmq";
import { createRedis } from "../server/redis";
import { env } from "../server/env";
import { logger } from "../server/log";
import { GRADING_QUEUE, ZGradeJob } from "../server/queue/contract";
import { processGradeJob } from "./process-grade-job";

/** Starts the BullMQ worker and wires one idempotent shutdown to SIGTERM/SIGINT. */
export async function startWorker() {
  const log = logger();
  const connection = createRedis("patient");
  const worker = new Worker(
    GRADING_QUEUE,
    async (job: Job) => {
      const payload = ZGradeJob.parse(job.data);
      return processGradeJob(payload, { attempt: job.attemptsMade + 1, maxAttempts: job.opts.attempts ?? 1 });
    },
    { connection, prefix: env().REDIS_PREFIX, concurrency: env().WORKER_CONCURRENCY, autorun: false },
  );
  worker.on("failed", (job, err) => log.warn({ jobId: job?.id, err: err.message }, "grading job failed"));
  worker.on("error", (err) => log.error({ err: err.message }, "worker error"));

  let closing: Promise<void> | undefined;
  const shutdown = (signal: string) => {
    closing ??= (async () => {
      log.info({ signal }, "worker stopping: finishing in-flight jobs");
      await worker.close();
      await connection.quit().catch(() => {});
      log.info("worker stopped");
      process.exit(0);
    })();
    return closing;
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));

  void worker.run();
  await worker.waitUntilReady();
  log.info({ concurrency: env().WORKER_CONCURRENCY, queue: GRADING_QUEUE }, "worker ready");
  return { worker, shutdown };
}
