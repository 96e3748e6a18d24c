import type { Queue } from "bullmq";
import { z } from "zod";
import { requireAdmin, type TActor } from "../authz";
import { AppError } from "../errors";
import { gradingQueue } from "../queue/producer";

/** Puts one failed grading job back in the queue (BullMQ `job.retry()`); the worker regrades the row. */
export async function retryFailedJob(actor: TActor, rawJobId: unknown, queue: Queue = gradingQueue()): Promise<void> {
  requireAdmin(actor);
  const parsed = z.string().trim().min(1).max(100).safeParse(rawJobId);
  if (!parsed.success) throw new AppError("invalid-input", "choose a failed job");
  let job;
  try {
    job = await queue.getJob(parsed.data);
  } catch {
    throw new AppError("unavailable", "the queue is unreachable: try again in a minute");
  }
  if (!job) throw new AppError("not-found", "this job is gone (failed jobs are kept for 7 days)");
  if (!(await job.isFailed())) throw new AppError("conflict", "this job is not failed any more");
  await job.retry("failed");
}
