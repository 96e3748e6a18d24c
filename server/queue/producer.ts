import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { createRedis } from "../redis";
import { env } from "../env";
import { GRADE_JOB, GRADE_JOB_OPTIONS, GRADING_QUEUE, ZGradeJob } from "./contract";

const g = globalThis as unknown as { bastionQueue?: { queue: Queue; connection: Redis } };

/** The web process's producer: a fail-fast connection, so a submit never hangs on a Redis outage. */
export function gradingQueue(): Queue {
  if (!g.bastionQueue) {
    const connection = createRedis("fail-fast");
    connection.on("error", () => {}); // surfaced to callers of enqueueGrade
    const queue = new Queue(GRADING_QUEUE, {
      connection,
      prefix: env().REDIS_PREFIX,
      defaultJobOptions: GRADE_JOB_OPTIONS,
    });
    queue.on("error", () => {});
    g.bastionQueue = { queue, connection };
  }
  return g.bastionQueue.queue;
}

/**
 * Enqueues one grading job (jobId = submissionId, so a repeat is a no-op). Resolves false instead of
 * throwing when Redis is unavailable: the row stays QUEUED and the worker's sweep enqueues it later.
 */
export async function enqueueGrade(submissionId: string, queue: Queue = gradingQueue()): Promise<boolean> {
  const data = ZGradeJob.parse({ submissionId });
  try {
    await Promise.race([
      queue.add(GRADE_JOB, data, { jobId: submissionId }),
      new Promise((_, reject) => setTimeout(() => reject(new Error("enqueue timed out")), 2_000)),
    ]);
    return true;
  } catch {
    return false;
  }
}
