import Link from "next/link";
import { pageRole } from "@/app/_lib/session";
import { orNotFound } from "@/app/instructor/_lib/or-not-found";
import { getStudentAttempts, type TAttempt } from "@/server/instructor/get-student-attempts";
import { Role } from "@/server/db";
import { Badge, EmptyState } from "@/app/_components/ui";
import { LocalTime } from "@/app/instructor/_components/local-time";
import { AttemptDiff } from "./attempt-diff";
import { FullReport } from "./full-report";

export const metadata = { title: "Attempt review" };
export const dynamic = "force-dynamic";

const pct = (score: number | null) => (score === null ? "—" : `${Math.round(score * 100)} %`);

function StatusBadge({ a }: { a: TAttempt }) {
  if (a.status === "GRADED" && a.gradable === false) return <Badge tone="warning">not gradable</Badge>;
  if (a.status === "GRADED") return <Badge tone={a.score === 1 ? "success" : "neutral"}>graded</Badge>;
  if (a.status === "ERROR") return <Badge tone="danger">error</Badge>;
  return <Badge tone="brand">{a.status.toLowerCase()}</Badge>;
}

export default async function AttemptsPage({
  params,
}: PageProps<"/instructor/cohorts/[id]/students/[userId]/challenges/[slug]">) {
  const user = await pageRole(Role.INSTRUCTOR);
  const { id, userId, slug } = await params;
  const v = await orNotFound(getStudentAttempts(user, id, userId, slug));
  const due = v.challenge.extendedTo ?? v.challenge.dueAt;
  const newestFirst = [...v.attempts].reverse();
  return (
    <div className="space-y-6">
      <div>
        <Link href={`/instructor/cohorts/${v.cohort.id}`} className="text-sm font-semibold text-brand-700">
          ← Back to the progress matrix
        </Link>
        <h2 className="mt-2 text-xl font-bold tracking-tight break-words">
          {v.student.name} · {v.challenge.title}
        </h2>
        <p className="mt-1 text-sm break-words text-muted">
          {v.student.email} · {v.challenge.points} pt ·{" "}
          {due ? (
            <>
              due <LocalTime iso={due.toISOString()} />
              {v.challenge.extendedTo && " (extended)"}
            </>
          ) : (
            "no due date"
          )}
        </p>
        <dl className="mt-3 flex flex-wrap gap-x-6 gap-y-1 text-sm">
          <div>
            <dt className="inline text-muted">Best: </dt>
            <dd className="inline font-semibold" data-testid="best-score">
              {v.best ? pct(v.best.bestScore) : "—"}
            </dd>
          </div>
          <div>
            <dt className="inline text-muted">Graded attempts: </dt>
            <dd className="inline font-semibold">{v.best?.attempts ?? 0}</dd>
          </div>
          <div>
            <dt className="inline text-muted">Solved: </dt>
            <dd className="inline font-semibold">
              {v.best?.solvedAt ? <LocalTime iso={v.best.solvedAt.toISOString()} /> : "not yet"}
            </dd>
          </div>
        </dl>
      </div>

      {v.attempts.length === 0 ? (
        <EmptyState title="No attempt yet">{v.student.name} has not submitted an answer to this challenge.</EmptyState>
      ) : (
        <>
          {v.attempts.length > 1 && (
            <AttemptDiff
              attempts={v.attempts.map((a) => ({ number: a.number, answer: a.answer, score: a.score }))}
            />
          )}
          <section aria-labelledby="attempts-heading" className="space-y-4">
            <h3 id="attempts-heading" className="text-lg font-semibold">
              Attempts ({v.attempts.length}), newest first
            </h3>
            <ol className="space-y-4" aria-label="Attempts">
              {newestFirst.map((a) => (
                <li key={a.id} className="card min-w-0 p-5" aria-labelledby={`attempt-${a.number}`}>
                  <div className="flex flex-wrap items-center gap-2">
                    <h4 id={`attempt-${a.number}`} className="font-semibold">
                      Attempt {a.number}
                    </h4>
                    <StatusBadge a={a} />
                    {a.late && <Badge tone="warning">late</Badge>}
                    <span className="text-sm font-semibold tabular-nums">{pct(a.score)}</span>
                    {a.points !== null && <span className="text-sm text-muted tabular-nums">{a.points} pt</span>}
                    <span className="ml-auto text-xs text-muted">
                      <LocalTime iso={a.queuedAt.toISOString()} />
                    </span>
                  </div>
                  {a.error && <p className="mt-2 text-sm text-red-700">{a.error}</p>}
                  <details className="mt-3" open={a.number === v.attempts.length}>
                    <summary className="cursor-pointer text-sm font-semibold text-brand-700">Submitted text</summary>
                    <pre className="mt-2 max-h-96 overflow-auto rounded-md border border-line bg-slate-50 p-3 font-mono text-xs">
                      {a.answer}
                    </pre>
                  </details>
                  {a.report && (
                    <details className="mt-3" open={a.number === v.attempts.length}>
                      <summary className="cursor-pointer text-sm font-semibold text-brand-700">
                        Full report (hidden tests included)
                      </summary>
                      <FullReport report={a.report} />
                    </details>
                  )}
                </li>
              ))}
            </ol>
          </section>
        </>
      )}
    </div>
  );
}
