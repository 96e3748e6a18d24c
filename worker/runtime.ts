import { Queue, Worker, type Job } from "bullmq";
import { createRedis } from "../server/redis";
import { env } from "../server/env";
import { logger } from "../server/log";
import { GRADE_JOB_OPTIONS, GRADING_QUEUE, ZGradeJob } from "../server/queue/contract";
import { gradeSubmission, markSubmissionError } from "../server/grading/grade-submission";
import { sweepUnfinished } from "../server/grading/sweep";
import { createStatusPublisher } from "../server/live/submission-events";
import { createGrader, SandboxPool } from "./grader";
import { sandboxPreflight } from "./sandbox/index";

const SWEEP_EVERY_MS = 5_000;

/**
 * Starts the BullMQ worker, the sweep timer and one idempotent shutdown on SIGTERM/SIGINT:
 * stop taking jobs, let in-flight ones finish (BullMQ hands back what does not), close connections.
 */
export async function startWorker(opts: { installSignalHandlers?: boolean } = {}) {
  const log = logger();
  const { REDIS_PREFIX: prefix, WORKER_CONCURRENCY: concurrency } = env();
  // Before anything else: a sandbox that cannot run student code stops the worker here, with why.
  const sandbox = await sandboxPreflight();
  const connection = createRedis("patient");
  const side = createRedis("patient"); // publish + sweep lock + the sweep's queue handle
  const publish = createStatusPublisher(side, prefix);
  const queue = new Queue(GRADING_QUEUE, { connection: side, prefix, defaultJobOptions: GRADE_JOB_OPTIONS });
  const sandboxes = new SandboxPool(concurrency);
  const grader = createGrader(sandboxes);

  const worker = new Worker(
    GRADING_QUEUE,
    async (job: Job) => {
      // INVARIANT: the payload is checked on both sides; a malformed job is a bug, not a retry.
      const { submissionId } = ZGradeJob.parse(job.data);
      try {
        return await gradeSubmission(submissionId, { grader, publish });
      } catch (e) {
        const attempt = job.attemptsMade + 1;
        const max = job.opts.attempts ?? 1;
        log.warn({ submissionId, attempt, max, err: (e as Error).message }, "grading attempt failed");
        if (attempt >= max) await markSubmissionError(submissionId, (e as Error).message, publish).catch(() => {});
        throw e;
      }
    },
    {
      connection,
      prefix,
      concurrency,
      autorun: false,
      stalledInterval: 5_000,
      maxStalledCount: 3,
      lockDuration: 10_000,
    },
  );
  worker.on("error", (err) => log.error({ err: err.message }, "worker error"));

  const sweepTimer = setInterval(() => {
    sweepUnfinished({ redis: side, prefix, queue })
      .then((n) => n && log.info({ requeued: n }, "sweep handed unfinished submissions back to the queue"))
      .catch((e) => log.warn({ err: (e as Error).message }, "sweep failed; will try again"));
  }, SWEEP_EVERY_MS);

  let closing: Promise<void> | undefined;
  const shutdown = (signal: string) => {
    closing ??= (async () => {
      log.info({ signal }, "worker stopping: finishing in-flight jobs");
      clearInterval(sweepTimer);
      await worker.close();
      await queue.close();
      sandboxes.close();
      await Promise.all([connection.quit().catch(() => {}), side.quit().catch(() => {})]);
      log.info("worker stopped");
    })();
    return closing;
  };
  if (opts.installSignalHandlers !== false) {
    for (const sig of ["SIGTERM", "SIGINT"] as const) {
      process.on(sig, () => void shutdown(sig).then(() => process.exit(0)));
    }
  }

  void worker.run();
  await worker.waitUntilReady();
  log.info({ concurrency, queue: GRADING_QUEUE, sandbox }, "worker ready");
  return { worker, shutdown };
}
