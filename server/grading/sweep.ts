import type { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { db, SubmissionStatus } from "../db";
import { redisKeyFor } from "../redis-keys";
import { GRADE_JOB, ZGradeJob } from "../queue/contract";

/** Rows QUEUED for longer than this were probably never enqueued (Redis was down at submit time). */
export const SWEEP_AFTER_MS = 10_000;
/** RUNNING rows older than this whose job is gone or failed are handed back to the queue. */
export const RUNNING_STUCK_MS = 120_000;

/**
 * Makes sure every submission that is not finished has a live job. Safe with several workers: a
 * short Redis lock lets one sweep at a time, and jobId = submissionId makes adds idempotent.
 * A job that exists but failed or completed without the row moving on (its database writes failed)
 * is retried or replaced, so no row is left waiting forever.
 */
export async function sweepUnfinished(opts: {
  redis: Redis;
  prefix: string;
  queue: Queue;
  limit?: number;
}): Promise<number> {
  const lock = await opts.redis.set(redisKeyFor(opts.prefix, "sweep-lock"), String(process.pid), "PX", 4_000, "NX");
  if (lock !== "OK") return 0;
  const now = Date.now();
  const rows = await db().submission.findMany({
    where: {
      OR: [
        { status: SubmissionStatus.QUEUED, queuedAt: { lt: new Date(now - SWEEP_AFTER_MS) } },
        { status: SubmissionStatus.RUNNING, startedAt: { lt: new Date(now - RUNNING_STUCK_MS) } },
      ],
    },
    orderBy: { queuedAt: "asc" },
    take: opts.limit ?? 500,
    select: { id: true },
  });
  let handed = 0;
  for (const { id } of rows) {
    const job = await opts.queue.getJob(id);
    if (!job) {
      await opts.queue.add(GRADE_JOB, ZGradeJob.parse({ submissionId: id }), { jobId: id });
      handed++;
      continue;
    }
    const state = await job.getState();
    if (state === "failed") {
      await job.retry("failed");
      handed++;
    } else if (state === "completed") {
      await job.remove();
      await opts.queue.add(GRADE_JOB, ZGradeJob.parse({ submissionId: id }), { jobId: id });
      handed++;
    }
    // waiting, delayed, active, prioritized: the job is alive; leave it.
  }
  return handed;
}
