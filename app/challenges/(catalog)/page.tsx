import Link from "next/link";
import { pageUser } from "@/app/_lib/session";
import { listCatalog, type TCatalogItem } from "@/server/challenges/list-catalog";
import { CHALLENGE_KINDS, EXAM_DOMAINS } from "@/server/challenges/schema";
import { Badge, EmptyState, PageHeader } from "@/app/_components/ui";
import { formatDue, kindLabel } from "@/app/_lib/labels";

export const metadata = { title: "Challenges" };
export const dynamic = "force-dynamic";

function Difficulty({ level }: { level: number }) {
  return (
    <span className="inline-flex items-center gap-0.5" aria-label={`difficulty ${level} of 5`} title={`difficulty ${level} of 5`}>
      {[1, 2, 3, 4, 5].map((i) => (
        <span key={i} aria-hidden="true" className={`h-1.5 w-3 rounded-full ${i <= level ? "bg-brand-600" : "bg-slate-200"}`} />
      ))}
    </span>
  );
}

function Status({ item }: { item: TCatalogItem }) {
  if (item.solved) return <Badge tone="success">Solved</Badge>;
  if (item.attempts > 0) return <Badge tone="warning">Best {Math.round((item.bestScore ?? 0) * 100)} %</Badge>;
  return <Badge>Not started</Badge>;
}

function Card({ item }: { item: TCatalogItem }) {
  return (
    <li className="card flex flex-col p-5 transition-shadow focus-within:shadow-md hover:shadow-md">
      <div className="flex items-center justify-between gap-2">
        <Badge tone="brand">{kindLabel(item.kind)}</Badge>
        <Status item={item} />
      </div>
      <h3 className="mt-3 text-base font-semibold leading-snug">
        <Link href={`/challenges/${item.slug}`} className="text-ink no-underline hover:underline">
          {item.title}
        </Link>
      </h3>
      <div className="mt-auto flex flex-wrap items-center gap-x-3 gap-y-1 pt-4 text-xs text-muted">
        <Difficulty level={item.difficulty} />
        <span>{item.points} points</span>
        {item.attempts > 0 && <span>{item.attempts} attempt{item.attempts === 1 ? "" : "s"}</span>}
      </div>
      {item.assignment && (
        <p className="mt-2 text-xs font-medium text-amber-900">
          Assigned in {item.assignment.cohort}
          {item.assignment.dueAt ? `, ${formatDue(item.assignment.dueAt)}` : ""}
        </p>
      )}
    </li>
  );
}

const STATUS_OPTIONS = [
  ["", "Any status"],
  ["not-started", "Not started"],
  ["attempted", "Attempted"],
  ["solved", "Solved"],
] as const;

export default async function ChallengesPage({ searchParams }: PageProps<"/challenges">) {
  const user = await pageUser();
  const sp = await searchParams;
  const one = (k: string) => (typeof sp[k] === "string" ? (sp[k] as string) : undefined);
  const filters = { q: one("q"), kind: one("kind"), difficulty: one("difficulty"), domain: one("domain"), status: one("status") };
  const { items, progress } = await listCatalog(user, filters);
  const filtered = Object.values(filters).some(Boolean);
  const assigned = items.filter((i) => i.assignment);
  const rest = items.filter((i) => !i.assignment);
  const groups = EXAM_DOMAINS.map((d) => ({ domain: d, items: rest.filter((i) => i.domain === d) })).filter((g) => g.items.length);

  return (
    <>
      <PageHeader
        eyebrow="Catalog"
        title="Challenges"
        description="Write the policy or the trigger, run the visible tests in your browser, then submit for the full grade."
      />
      {progress.total > 0 && (
        <section aria-label="Your progress" className="card mb-8 grid gap-6 p-5 md:grid-cols-[auto_1fr]">
          <div className="flex gap-8">
            <div>
              <p className="text-3xl font-bold tabular-nums">
                {progress.solved}
                <span className="text-base font-medium text-muted"> / {progress.total}</span>
              </p>
              <p className="text-xs text-muted uppercase">solved</p>
            </div>
            <div>
              <p className="text-3xl font-bold tabular-nums">
                {progress.points}
                <span className="text-base font-medium text-muted"> / {progress.maxPoints}</span>
              </p>
              <p className="text-xs text-muted uppercase">points</p>
            </div>
          </div>
          <ul className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
            {progress.byDomain.map((d) => (
              <li key={d.domain} className="text-xs">
                <div className="flex justify-between gap-2">
                  <span className="truncate font-medium text-ink" title={d.domain}>
                    {d.domain}
                  </span>
                  <span className="text-muted tabular-nums">
                    {d.solved}/{d.total}
                  </span>
                </div>
                <div className="mt-1 h-1.5 rounded-full bg-slate-100" aria-hidden="true">
                  <div className="h-1.5 rounded-full bg-allow" style={{ width: `${d.total ? (100 * d.solved) / d.total : 0}%` }} />
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}

      <form method="get" role="search" aria-label="Filter challenges" className="mb-8 grid gap-3 sm:grid-cols-2 lg:grid-cols-[2fr_1fr_1fr_1fr_1fr_auto]">
        <div>
          <label htmlFor="q" className="sr-only">Search</label>
          <input id="q" name="q" type="search" defaultValue={filters.q} placeholder="Search titles and tags" maxLength={100} className="input" />
        </div>
        <div>
          <label htmlFor="kind" className="sr-only">Kind</label>
          <select id="kind" name="kind" defaultValue={filters.kind ?? ""} className="input">
            <option value="">Any kind</option>
            {CHALLENGE_KINDS.map((k) => (
              <option key={k} value={k}>{kindLabel(k)}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="difficulty" className="sr-only">Difficulty</label>
          <select id="difficulty" name="difficulty" defaultValue={filters.difficulty ?? ""} className="input">
            <option value="">Any difficulty</option>
            {[1, 2, 3, 4, 5].map((d) => (
              <option key={d} value={d}>Difficulty {d}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="domain" className="sr-only">Exam domain</label>
          <select id="domain" name="domain" defaultValue={filters.domain ?? ""} className="input">
            <option value="">Any domain</option>
            {EXAM_DOMAINS.map((d) => (
              <option key={d} value={d}>{d}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="status" className="sr-only">Status</label>
          <select id="status" name="status" defaultValue={filters.status ?? ""} className="input">
            {STATUS_OPTIONS.map(([v, l]) => (
              <option key={v} value={v}>{l}</option>
            ))}
          </select>
        </div>
        <div className="flex gap-2">
          <button type="submit" className="btn-primary">Filter</button>
          {filtered && (
            <Link href="/challenges" className="btn-ghost">Clear</Link>
          )}
        </div>
      </form>

      {items.length === 0 ? (
        progress.total === 0 ? (
          <EmptyState title="No challenges yet">
            An administrator adds challenges as files in the repository and loads them with <code className="font-mono">npm run challenges:sync</code>.
          </EmptyState>
        ) : (
          <EmptyState title="No challenge matches these filters" action={<Link href="/challenges" className="btn-secondary">Clear the filters</Link>}>
            Try another kind, difficulty or domain.
          </EmptyState>
        )
      ) : (
        <div className="space-y-10">
          {assigned.length > 0 && (
            <section aria-labelledby="assigned-heading">
              <h2 id="assigned-heading" className="mb-3 text-lg font-semibold">Assigned to you</h2>
              <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
                {assigned.map((i) => <Card key={i.slug} item={i} />)}
              </ul>
            </section>
          )}
          {groups.map((g) => (
            <section key={g.domain} aria-labelledby={`d-${g.domain}`}>
              <h2 id={`d-${g.domain}`} className="mb-3 text-lg font-semibold">{g.domain}</h2>
              <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
                {g.items.map((i) => <Card key={i.slug} item={i} />)}
              </ul>
            </section>
          ))}
        </div>
      )}
    </>
  );
}
