import Link from "next/link";
import { pageRole } from "@/app/_lib/session";
import { getQueueStatus } from "@/server/admin/get-queue-status";
import { Alert, EmptyState, PageHeader } from "@/app/_components/ui";
import { Role } from "@/server/db";
import { RetryButton } from "./retry-button";

export const metadata = { title: "Admin · Queue" };
export const dynamic = "force-dynamic";

const STATE_LABELS = [
  ["waiting", "Waiting"],
  ["active", "Active"],
  ["delayed", "Delayed"],
  ["failed", "Failed"],
  ["completed", "Completed"],
] as const;

function Stat({ label, value, tone }: { label: string; value: number | string; tone?: "warn" }) {
  return (
    <div className="card px-4 py-3">
      <dt className="text-xs font-medium tracking-wide text-muted uppercase">{label}</dt>
      <dd className={`mt-1 text-2xl font-bold tabular-nums ${tone === "warn" ? "text-deny" : "text-ink"}`}>{value}</dd>
    </div>
  );
}

export default async function AdminQueuePage() {
  const user = await pageRole(Role.ADMIN);
  const status = await getQueueStatus(user);
  return (
    <>
      <PageHeader
        eyebrow="Admin"
        title="Queue"
        description="The grading queue in Redis, and the submissions in Postgres that are not graded yet."
        actions={
          <Link href="/admin/queue" className="btn-secondary">
            Refresh
          </Link>
        }
      />
      <section aria-labelledby="redis-heading" className="mb-8">
        <h2 id="redis-heading" className="mb-3 text-lg font-semibold">
          Jobs in Redis
        </h2>
        {status.counts ? (
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5">
            {STATE_LABELS.map(([key, label]) => (
              <Stat
                key={key}
                label={label}
                value={key === "waiting" ? status.counts!.waiting + status.counts!.prioritized : status.counts![key]}
                tone={key === "failed" && status.counts!.failed > 0 ? "warn" : undefined}
              />
            ))}
          </dl>
        ) : (
          <Alert tone="error">
            Redis did not answer: queue counts are unavailable. Submissions wait as QUEUED rows.
          </Alert>
        )}
      </section>
      <section aria-labelledby="rows-heading" className="mb-8">
        <h2 id="rows-heading" className="mb-3 text-lg font-semibold">
          Submissions in Postgres
        </h2>
        <dl className="grid grid-cols-3 gap-3">
          <Stat label="Queued" value={status.rows.QUEUED} />
          <Stat label="Running" value={status.rows.RUNNING} />
          <Stat label="Error" value={status.rows.ERROR} tone={status.rows.ERROR > 0 ? "warn" : undefined} />
        </dl>
      </section>
      <section aria-labelledby="failures-heading">
        <h2 id="failures-heading" className="mb-3 text-lg font-semibold">
          Recent failures
        </h2>
        {status.failures.length === 0 ? (
          <EmptyState title="No failed jobs">
            {status.counts ? "Every job graded or is on its way." : "Unknown while Redis is unreachable."}
          </EmptyState>
        ) : (
          <ul className="card divide-y divide-line" aria-label="Failed jobs">
            {status.failures.map((f) => (
              <li key={f.jobId} className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-start sm:justify-between">
                <div className="min-w-0 text-sm">
                  <p className="font-medium break-words text-deny">{f.reason}</p>
                  <p className="mt-1 text-xs text-muted">
                    submission <code className="font-mono break-all text-ink">{f.submissionId ?? "unknown"}</code> ·{" "}
                    {f.attemptsMade} attempt{f.attemptsMade === 1 ? "" : "s"}
                    {f.failedAt
                      ? ` · ${f.failedAt.toLocaleString("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} UTC`
                      : ""}
                  </p>
                </div>
                <RetryButton jobId={f.jobId} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
