import type { Queue } from "bullmq";
import { db } from "../db";
import { requireAdmin, type TActor } from "../authz";
import { gradingQueue } from "../queue/producer";

const STATES = ["waiting", "active", "delayed", "failed", "completed", "prioritized"] as const;
export type TQueueState = (typeof STATES)[number];

export type TQueueFailure = {
  jobId: string;
  submissionId: string | null;
  reason: string;
  attemptsMade: number;
  failedAt: Date | null;
};

export type TQueueStatus = {
  /** null when Redis did not answer in time */
  counts: Record<TQueueState, number> | null;
  failures: TQueueFailure[];
  /** unfinished and failed rows in Postgres (the source of truth) */
  rows: { QUEUED: number; RUNNING: number; ERROR: number };
};

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error("redis timed out")), ms))]);
}

/** Queue depth by state, the most recent failures and the Postgres view of the same work. */
export async function getQueueStatus(
  actor: TActor,
  opts: { failures?: number; queue?: Queue } = {},
): Promise<TQueueStatus> {
  requireAdmin(actor);
  const queue = opts.queue ?? gradingQueue();
  const take = Math.min(Math.max(opts.failures ?? 20, 1), 100);
  const [redis, grouped] = await Promise.all([
    withTimeout(Promise.all([queue.getJobCounts(...STATES), queue.getFailed(0, take - 1)]), 2_000).catch(() => null),
    db().submission.groupBy({
      by: ["status"],
      where: { status: { in: ["QUEUED", "RUNNING", "ERROR"] } },
      _count: true,
    }),
  ]);
  const count = (s: "QUEUED" | "RUNNING" | "ERROR") => grouped.find((g) => g.status === s)?._count ?? 0;
  return {
    counts: redis
      ? (Object.fromEntries(STATES.map((s) => [s, redis[0][s] ?? 0])) as Record<TQueueState, number>)
      : null,
    failures: (redis?.[1] ?? [])
      .filter((j) => !!j)
      .map((j) => ({
        jobId: String(j.id),
        submissionId: typeof j.data?.submissionId === "string" ? j.data.submissionId : null,
        reason: j.failedReason || "no reason recorded",
        attemptsMade: j.attemptsMade,
        failedAt: j.finishedOn ? new Date(j.finishedOn) : null,
      })),
    rows: { QUEUED: count("QUEUED"), RUNNING: count("RUNNING"), ERROR: count("ERROR") },
  };
}
