import { db } from "../db";
import { gradingQueue } from "../queue/producer";

const BUCKETS_MS = [10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000];

type TRow = { le: number | null; n: bigint };

/**
 * Prometheus text: queue depth by state (BullMQ), unfinished submissions (Postgres), and a histogram of
 * submit-to-graded latency and of grading time over the last 15 minutes, computed from the rows so
 * every worker's work is counted.
 */
export async function collectMetrics(): Promise<string> {
  const lines: string[] = [];
  const counts = await gradingQueue()
    .getJobCounts("waiting", "active", "delayed", "failed", "completed", "prioritized")
    .catch(() => null);
  lines.push("# HELP bastion_queue_jobs Grading jobs in the queue by state.", "# TYPE bastion_queue_jobs gauge");
  if (counts) for (const [state, n] of Object.entries(counts)) lines.push(`bastion_queue_jobs{state="${state}"} ${n}`);
  lines.push(
    "# HELP bastion_redis_up Whether the web process reached Redis.",
    "# TYPE bastion_redis_up gauge",
    `bastion_redis_up ${counts ? 1 : 0}`,
  );

  const status = await db().submission.groupBy({
    by: ["status"],
    where: { status: { in: ["QUEUED", "RUNNING"] } },
    _count: true,
  });
  lines.push(
    "# HELP bastion_submissions_unfinished Submissions not graded yet, by status.",
    "# TYPE bastion_submissions_unfinished gauge",
  );
  for (const s of ["QUEUED", "RUNNING"])
    lines.push(`bastion_submissions_unfinished{status="${s}"} ${status.find((r) => r.status === s)?._count ?? 0}`);

  for (const [name, help, expr] of [
    [
      "bastion_submit_to_graded_ms",
      "Submit-to-graded latency of submissions graded in the last 15 minutes.",
      `EXTRACT(EPOCH FROM ("gradedAt" - "queuedAt")) * 1000`,
    ],
    [
      "bastion_grading_ms",
      "Worker time per submission (RUNNING to GRADED) in the last 15 minutes.",
      `EXTRACT(EPOCH FROM ("gradedAt" - "startedAt")) * 1000`,
    ],
  ] as const) {
    const rows = await db().$queryRawUnsafe<TRow[]>(
      `SELECT width_bucket(${expr}, ARRAY[${BUCKETS_MS.join(",")}]::double precision[]) AS le, COUNT(*) AS n, 0 AS s
       FROM "Submission" WHERE status = 'GRADED' AND "gradedAt" > now() - interval '15 minutes' AND "startedAt" IS NOT NULL
       GROUP BY 1`,
    );
    const sum = await db().$queryRawUnsafe<{ s: number | null }[]>(
      `SELECT SUM(${expr}) AS s FROM "Submission" WHERE status = 'GRADED' AND "gradedAt" > now() - interval '15 minutes' AND "startedAt" IS NOT NULL`,
    );
    const byBucket = new Map(rows.map((r) => [Number(r.le), Number(r.n)]));
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} histogram`);
    let cumulative = 0;
    BUCKETS_MS.forEach((le, i) => {
      cumulative += byBucket.get(i) ?? 0;
      lines.push(`${name}_bucket{le="${le}"} ${cumulative}`);
    });
    cumulative += byBucket.get(BUCKETS_MS.length) ?? 0;
    lines.push(
      `${name}_bucket{le="+Inf"} ${cumulative}`,
      `${name}_sum ${Math.round(Number(sum[0]?.s ?? 0))}`,
      `${name}_count ${cumulative}`,
    );
  }
  return `${lines.join("\n")}\n`;
}
