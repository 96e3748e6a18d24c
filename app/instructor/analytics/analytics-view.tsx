import Link from "next/link";
import { Badge, EmptyState } from "@/app/_components/ui";
import type { TAnalytics } from "@/server/analytics/get-analytics";
import { Heatmap } from "./heatmap";

const pct = (x: number) => `${Math.round(x * 100)} %`;

function Section({
  id,
  title,
  hint,
  children,
}: {
  id: string;
  title: string;
  hint?: string;
  children: React.ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="card min-w-0 p-5">
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {hint && <p className="mt-1 text-sm text-muted">{hint}</p>}
      <div className="mt-4">{children}</div>
    </section>
  );
}

/** The analytics page body, shared by /instructor/analytics and /admin/analytics. */
export function AnalyticsView({ data, hrefFor }: { data: TAnalytics; hrefFor: (challengeId?: string) => string }) {
  const { challenges, challenge } = data;
  const attempted = challenges.reduce((a, c) => a + c.attempted, 0);
  const solved = challenges.reduce((a, c) => a + c.solved, 0);
  const maxDist = Math.max(1, ...data.distribution.map((d) => d.count));
  const slugOf = new Map(challenges.map((c) => [c.id, c.slug]));
  const columns = challenge
    ? [challenge]
    : challenges.filter((c) => data.heatmap.tags.some((t) => data.heatmap.cells[t]?.[c.id]));

  if (challenges.length === 0 && !challenge) {
    return (
      <EmptyState title="No graded submissions yet">
        Analytics appear once {data.scope.cohort ? "students of this cohort" : "students"} submit answers.
      </EmptyState>
    );
  }

  return (
    <div className="space-y-6">
      {challenge ? (
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 className="text-xl font-semibold break-words">
            {challenge.title} <span className="font-mono text-sm font-normal text-muted">{challenge.slug}</span>
          </h2>
          <Link href={hrefFor()} className="text-sm text-brand-700">
            ← All challenges
          </Link>
        </div>
      ) : null}
      <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        {[
          ["Students", data.scope.students],
          challenge ? ["Attempted", challenge.attempted] : ["Challenges tried", challenges.length],
          ["Solve rate", challenge ? pct(challenge.solveRate) : attempted ? pct(solved / attempted) : "–"],
          challenge
            ? ["Median attempts to solve", challenge.medianAttemptsToSolve ?? "–"]
            : ["Gradable submissions", challenges.reduce((a, c) => a + c.submissions, 0)],
        ].map(([label, value]) => (
          <div key={String(label)} className="card px-4 py-3">
            <dt className="text-xs font-medium tracking-wide text-muted uppercase">{label}</dt>
            <dd className="mt-1 text-2xl font-bold tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>

      {!challenge && (
        <Section
          id="solve-heading"
          title="Solve rate by challenge"
          hint="Students who reached a full score, out of those who made a gradable submission. Hardest first."
        >
          <div className="-mx-5 overflow-x-auto px-5" tabIndex={0} aria-label="Solve rate table, scrolls sideways">
            <table className="w-full min-w-[32rem] text-sm">
              <thead className="border-b border-line text-left text-xs tracking-wide text-muted uppercase">
                <tr>
                  <th scope="col" className="py-2 pr-3">
                    Challenge
                  </th>
                  <th scope="col" className="px-3 py-2 text-right">
                    Solved / tried
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Solve rate
                  </th>
                  <th scope="col" className="py-2 pl-3 text-right">
                    Median attempts
                  </th>
                </tr>
              </thead>
              <tbody>
                {challenges.map((c) => (
                  <tr key={c.id} className="border-b border-line last:border-0">
                    <td className="py-2 pr-3">
                      <Link href={hrefFor(c.id)} className="font-medium text-brand-700">
                        {c.title}
                      </Link>
                    </td>
                    <td className="px-3 py-2 text-right tabular-nums">
                      {c.solved} / {c.attempted}
                    </td>
                    <td className="px-3 py-2">
                      <div className="flex items-center gap-2">
                        <div className="h-2 w-24 rounded-full bg-slate-100" aria-hidden="true">
                          <div
                            className="h-2 rounded-full bg-allow"
                            style={{ width: pct(c.solveRate).replace(" ", "") }}
                          />
                        </div>
                        <span className="tabular-nums">{pct(c.solveRate)}</span>
                      </div>
                    </td>
                    <td className="py-2 pl-3 text-right tabular-nums">{c.medianAttemptsToSolve ?? "–"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Section>
      )}

      <div className="grid gap-6 lg:grid-cols-2">
        <Section
          id="dist-heading"
          title="Attempts to solve"
          hint="Gradable submissions each solver needed, up to the first full score."
        >
          {data.distribution.every((d) => d.count === 0) ? (
            <p className="text-sm text-muted">Nobody has solved {challenge ? "this challenge" : "a challenge"} yet.</p>
          ) : (
            <ul className="space-y-2" aria-label="Attempts to solve distribution">
              {data.distribution.map((d) => (
                <li key={d.label} className="grid grid-cols-[3.5rem_1fr_3rem] items-center gap-2 text-sm">
                  <span className="text-muted">{d.label}</span>
                  <div className="h-3 rounded bg-slate-100" aria-hidden="true">
                    <div className="h-3 rounded bg-brand-500" style={{ width: `${(100 * d.count) / maxDist}%` }} />
                  </div>
                  <span className="text-right tabular-nums">
                    {d.count}
                    <span className="sr-only"> solvers needed {d.label} attempts</span>
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Section>

        <Section
          id="cases-heading"
          title="Most failed cases"
          hint="Share of gradable submissions of the challenge that fail the case."
        >
          {data.failedCases.length === 0 ? (
            <p className="text-sm text-muted">No failing case yet.</p>
          ) : (
            <ol className="divide-y divide-line text-sm">
              {data.failedCases.map((f) => (
                <li key={`${f.challengeId}:${f.caseId}`} className="flex items-start justify-between gap-3 py-2">
                  <div className="min-w-0">
                    <p className="font-medium break-words">{f.name}</p>
                    <p className="mt-0.5 flex flex-wrap items-center gap-1.5 text-xs text-muted">
                      {!challenge && <span className="font-mono break-all">{slugOf.get(f.challengeId)}</span>}
                      <span className="font-mono break-all">{f.caseId}</span>
                      {f.misconception && <Badge tone="warning">{f.misconception}</Badge>}
                    </p>
                  </div>
                  <p className="shrink-0 text-right tabular-nums">
                    <span className="font-semibold">{pct(f.share)}</span>
                    <span className="block text-xs text-muted">
                      {f.failures} subm. · {f.students} stud.
                    </span>
                  </p>
                </li>
              ))}
            </ol>
          )}
        </Section>
      </div>

      <Section
        id="heat-heading"
        title="Misconceptions × challenges"
        hint="Share of gradable submissions that fail at least one case tagged with the misconception."
      >
        {data.heatmap.tags.length === 0 ? (
          <p className="text-sm text-muted">No failing case carries a misconception tag yet.</p>
        ) : (
          <Heatmap
            tags={data.heatmap.tags}
            columns={columns.map((c) => ({ id: c.id, slug: c.slug, title: c.title, href: hrefFor(c.id) }))}
            cells={data.heatmap.cells}
          />
        )}
      </Section>

      {data.clusters && (
        <Section
          id="clusters-heading"
          title="Clusters of equivalent wrong answers"
          hint={`${data.failingSubmissions} failing submissions, grouped after canonicalizing (key order, Sid, single values vs arrays, action case; comments and white space in code). The largest ten.`}
        >
          {data.clusters.length === 0 ? (
            <p className="text-sm text-muted">No wrong answer yet.</p>
          ) : (
            <ol className="space-y-4">
              {data.clusters.map((c, i) => (
                <li key={i} data-testid="cluster">
                  <p className="text-sm">
                    <span className="font-semibold">
                      {c.size} submission{c.size === 1 ? "" : "s"}
                    </span>{" "}
                    <span className="text-muted">
                      by {c.students} student{c.students === 1 ? "" : "s"}
                    </span>
                  </p>
                  <pre
                    tabIndex={0}
                    className="mt-1 max-h-64 overflow-auto rounded-md border border-line bg-slate-50 p-3 font-mono text-xs"
                  >
                    {c.example}
                  </pre>
                </li>
              ))}
            </ol>
          )}
        </Section>
      )}
    </div>
  );
}
