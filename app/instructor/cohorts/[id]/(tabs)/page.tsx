import Link from "next/link";
import { pageRole } from "@/app/_lib/session";
import { orNotFound } from "@/app/instructor/_lib/or-not-found";
import {
  getProgressMatrix,
  cellStatus,
  type TMatrixCell,
  type TProgressMatrix,
} from "@/server/instructor/get-progress-matrix";
import { EmptyState } from "@/app/_components/ui";
import { Role } from "@/server/db";

export const metadata = { title: "Cohort progress" };
export const dynamic = "force-dynamic";

const STATUS_LABEL = {
  solved: "Solved",
  attempted: "Attempted, not solved",
  "not-started": "Not started",
  late: "Submitted late",
};

const pct = (score: number) => `${Math.round(score * 100)} %`;
const shortDate = (d: Date) => d.toLocaleDateString("en", { day: "numeric", month: "short", timeZone: "UTC" });

function cellLabel(name: string, title: string, c: TMatrixCell): string {
  const parts = [`${name}, ${title}:`];
  if (c.bestScore === null && c.attempts === 0) parts.push(c.pending ? "grading" : "not started");
  else {
    parts.push(`best ${pct(c.bestScore ?? 0)}`, `${c.attempts} ${c.attempts === 1 ? "attempt" : "attempts"}`);
    if (c.solvedAt) parts.push(`solved ${c.solvedAt.toISOString().slice(0, 16).replace("T", " ")} UTC`);
  }
  if (c.isLate) parts.push("late");
  return parts.join(" ");
}

function Cell({ c }: { c: TMatrixCell }) {
  const status = cellStatus(c);
  if (status === "not-started")
    return <span className="text-slate-400">{c.pending ? "grading…" : c.isLate ? "late" : "—"}</span>;
  return (
    <span className="flex flex-col items-center leading-tight">
      <span className={`font-semibold tabular-nums ${status === "solved" ? "text-allow" : "text-amber-700"}`}>
        {status === "solved" && <span aria-hidden="true">✓ </span>}
        {pct(c.bestScore ?? 0)}
      </span>
      <span className="text-[11px] text-muted">
        {c.attempts}× {c.solvedAt ? `· ${shortDate(c.solvedAt)}` : ""}
      </span>
      {c.isLate && (
        <span className="mt-0.5 rounded bg-amber-100 px-1 text-[10px] font-semibold text-amber-900 uppercase">
          late
        </span>
      )}
    </span>
  );
}

export default async function ProgressPage({ params, searchParams }: PageProps<"/instructor/cohorts/[id]">) {
  const user = await pageRole(Role.INSTRUCTOR);
  const { id } = await params;
  const m = await orNotFound(getProgressMatrix(user, id, await searchParams));
  const base = `/instructor/cohorts/${m.cohort.id}`;

  const exports = (
    <div className="flex flex-wrap gap-2">
      <a href={`${base}/export/gradebook`} className="btn-secondary" download>
        Download gradebook CSV
      </a>
      <a href={`${base}/export/submissions`} className="btn-secondary" download>
        Download all submissions CSV
      </a>
    </div>
  );

  if (m.columns.length === 0 || m.studentCount === 0) {
    return (
      <EmptyState
        title={m.columns.length === 0 ? "No challenge assigned yet" : "No student has joined yet"}
        action={
          m.columns.length === 0 ? (
            <Link href={`${base}/assignments`} className="btn-primary">
              Assign challenges
            </Link>
          ) : (
            <Link href={`${base}/settings`} className="btn-primary">
              Share the join link
            </Link>
          )
        }
      >
        {m.columns.length === 0
          ? "The progress matrix shows each student's best score on the challenges you assign."
          : `Students join with the code ${m.cohort.joinCode} or the join link on the settings page.`}
      </EmptyState>
    );
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-col gap-4 lg:flex-row lg:items-end lg:justify-between">
        <FilterForm m={m} />
        {exports}
      </div>
      <p className="text-sm text-muted" role="status">
        Showing {m.rows.length} of {m.studentCount} {m.studentCount === 1 ? "student" : "students"} · {m.columns.length}{" "}
        {m.columns.length === 1 ? "challenge" : "challenges"} · {m.maxPoints} points possible. Select a cell to review
        that student&apos;s attempts.
      </p>
      {m.rows.length === 0 ? (
        <EmptyState
          title="No student matches these filters"
          action={
            <Link href={base} className="btn-secondary">
              Clear the filters
            </Link>
          }
        />
      ) : (
        <Matrix m={m} base={base} />
      )}
    </div>
  );
}

function FilterForm({ m }: { m: TProgressMatrix }) {
  return (
    <form method="get" role="search" aria-label="Filter students" className="flex flex-wrap items-end gap-3">
      {m.query.sort && <input type="hidden" name="sort" value={m.query.sort} />}
      {m.query.dir && <input type="hidden" name="dir" value={m.query.dir} />}
      <div className="w-full space-y-1.5 sm:w-48">
        <label htmlFor="matrix-q" className="label">
          Student name
        </label>
        <input id="matrix-q" name="q" type="search" defaultValue={m.query.q ?? ""} className="input" maxLength={100} />
      </div>
      <div className="w-full space-y-1.5 sm:w-44">
        <label htmlFor="matrix-status" className="label">
          Status
        </label>
        <select id="matrix-status" name="status" defaultValue={m.query.status ?? ""} className="input">
          <option value="">Any</option>
          {Object.entries(STATUS_LABEL).map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </select>
      </div>
      <div className="w-full space-y-1.5 sm:w-56">
        <label htmlFor="matrix-challenge" className="label">
          On challenge
        </label>
        <select id="matrix-challenge" name="challenge" defaultValue={m.query.challenge ?? ""} className="input">
          <option value="">Any assigned challenge</option>
          {m.columns.map((c) => (
            <option key={c.slug} value={c.slug}>
              {c.title}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="btn-primary">
        Filter
      </button>
    </form>
  );
}

function SortHeader({
  m,
  base,
  sortKey,
  children,
  className = "",
  title,
}: {
  m: TProgressMatrix;
  base: string;
  sortKey: string;
  children: React.ReactNode;
  className?: string;
  title?: string;
}) {
  const active = (m.query.sort ?? "name") === sortKey;
  const dir = active ? (m.query.dir ?? "asc") : undefined;
  const next = active && dir === "asc" ? "desc" : sortKey === "name" ? "asc" : active ? "asc" : "desc";
  const sp = new URLSearchParams();
  if (m.query.q) sp.set("q", m.query.q);
  if (m.query.status) sp.set("status", m.query.status);
  if (m.query.challenge) sp.set("challenge", m.query.challenge);
  sp.set("sort", sortKey);
  sp.set("dir", next);
  return (
    <th
      scope="col"
      className={`px-2 py-2 align-bottom ${className}`}
      aria-sort={active ? (dir === "desc" ? "descending" : "ascending") : undefined}
    >
      <Link
        href={`${base}?${sp}`}
        className="inline-flex items-center gap-1 text-inherit hover:text-brand-700"
        title={title}
      >
        {children}
        <span aria-hidden="true" className="text-[10px]">
          {active ? (dir === "desc" ? "▼" : "▲") : "↕"}
        </span>
      </Link>
    </th>
  );
}

function Matrix({ m, base }: { m: TProgressMatrix; base: string }) {
  return (
    <div className="card relative overflow-x-auto" tabIndex={0} aria-label="Progress matrix (scrolls sideways)">
      <table className="w-full border-collapse text-sm">
        <caption className="sr-only">
          Best score, attempts, solved date and late flag of each student on each assigned challenge
        </caption>
        <thead className="border-b border-line bg-slate-50 text-left text-xs text-muted">
          <tr>
            <SortHeader m={m} base={base} sortKey="name" className="sticky left-0 z-10 min-w-40 bg-slate-50 pl-4">
              Student
            </SortHeader>
            {m.columns.map((c) => (
              <SortHeader
                key={c.slug}
                m={m}
                base={base}
                sortKey={c.slug}
                className="max-w-28 min-w-24 text-center font-medium"
                title={`${c.title} (${c.points} pt)`}
              >
                <span className="flex flex-col">
                  <span className="line-clamp-2 break-words">{c.title}</span>
                  <span className="font-normal text-slate-500">
                    {c.dueAt ? `due ${shortDate(c.dueAt)}` : "no due date"}
                  </span>
                </span>
              </SortHeader>
            ))}
            <SortHeader m={m} base={base} sortKey="points" className="text-right">
              Points
            </SortHeader>
            <SortHeader m={m} base={base} sortKey="solved" className="pr-4 text-right">
              Solved
            </SortHeader>
          </tr>
        </thead>
        <tbody>
          {m.rows.map((r) => (
            <tr key={r.userId} className="border-b border-line last:border-0">
              <th scope="row" className="sticky left-0 z-10 max-w-48 bg-white px-2 py-2 pl-4 text-left font-medium">
                <span className="block truncate">{r.name}</span>
                <span className="block truncate text-xs font-normal text-muted">{r.email}</span>
              </th>
              {r.cells.map((c, i) => (
                <td key={m.columns[i].slug} className="p-0 text-center">
                  <Link
                    href={`${base}/students/${r.userId}/challenges/${m.columns[i].slug}`}
                    aria-label={cellLabel(r.name, m.columns[i].title, c)}
                    data-testid={`cell-${r.userId}-${m.columns[i].slug}`}
                    className="block px-2 py-2 no-underline hover:bg-brand-50 focus-visible:-outline-offset-2"
                  >
                    <Cell c={c} />
                  </Link>
                </td>
              ))}
              <td className="px-2 py-2 text-right font-semibold tabular-nums">{r.totalPoints}</td>
              <td className="px-2 py-2 pr-4 text-right tabular-nums">
                {r.solved}/{m.columns.length}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot className="border-t-2 border-line bg-slate-50 text-xs text-muted">
          <tr>
            <th scope="row" className="sticky left-0 z-10 bg-slate-50 px-2 py-2 pl-4 text-left font-semibold text-ink">
              All {m.studentCount} students
            </th>
            {m.columnTotals.map((t, i) => (
              <td key={m.columns[i].slug} className="px-2 py-2 text-center">
                <span className="block font-semibold text-ink tabular-nums">
                  {t.solved}/{m.studentCount} solved
                </span>
                <span className="block tabular-nums">avg {pct(t.meanScore)}</span>
                <span className="block tabular-nums">{t.attempts} attempts</span>
              </td>
            ))}
            <td className="px-2 py-2 text-right tabular-nums" colSpan={2}>
              of {m.maxPoints} pt
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
