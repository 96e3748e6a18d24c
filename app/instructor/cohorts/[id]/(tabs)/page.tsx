import Link from "next/link";
import { pageRole } from "@/app/_lib/session";
import { orNotFound } from "@/app/instructor/_lib/or-not-found";
import { getProgressMatrix, type TMatrixCell, type TProgressMatrix } from "@/server/instructor/get-progress-matrix";
import { EmptyState, Pagination } from "@/app/_components/ui";
import { Role } from "@/server/db";
import { MatrixTable, type TMatrixTableProps } from "./matrix-table";
import { encodeCells, type TCompactCell } from "./matrix-cells";

export const metadata = { title: "Cohort progress" };
export const dynamic = "force-dynamic";

const STATUS_LABEL = {
  solved: "Solved",
  attempted: "Attempted, not solved",
  "not-started": "Not started",
  late: "Submitted late",
};

/**
 * Students per page of the matrix: 50 x 40 challenges is 2,000 cells, a page that renders in well
 * under 150 ms; a whole cohort of 200 on one page was 3 MB of HTML (`npm run bench:web`). Filters
 * and sorting apply to the whole cohort before the page is cut; the totals row is the whole cohort.
 */
const MATRIX_PAGE_SIZE = 50;

const shortDate = (d: Date) => d.toLocaleDateString("en", { day: "numeric", month: "short", timeZone: "UTC" });

const compact = (c: TMatrixCell): TCompactCell =>
  c.bestScore === null && c.attempts === 0 && c.solvedAt === null && !c.isLate && c.pending === 0
    ? 0
    : [c.bestScore, c.attempts, c.solvedAt?.toISOString() ?? null, c.isLate ? 1 : 0, c.pending];

/** What the client table needs, in compact form (the RSC payload carries it once; see matrix-table.tsx). */
function tableProps(m: TProgressMatrix, rows: TProgressMatrix["rows"], base: string): TMatrixTableProps {
  return {
    base,
    query: { q: m.query.q, status: m.query.status, challenge: m.query.challenge, sort: m.query.sort, dir: m.query.dir },
    columns: m.columns.map((c) => ({
      slug: c.slug,
      title: c.title,
      points: c.points,
      due: c.dueAt ? `due ${shortDate(c.dueAt)}` : "no due date",
    })),
    rows: rows.map((r) => ({
      id: r.userId,
      name: r.name,
      email: r.email,
      points: r.totalPoints,
      solved: r.solved,
      cells: encodeCells(r.cells.map(compact)),
    })),
    totals: m.columnTotals.map((t) => ({ solved: t.solved, meanScore: t.meanScore, attempts: t.attempts })),
    studentCount: m.studentCount,
    maxPoints: m.maxPoints,
  };
}

export default async function ProgressPage({ params, searchParams }: PageProps<"/instructor/cohorts/[id]">) {
  const user = await pageRole(Role.INSTRUCTOR);
  const { id } = await params;
  const sp = await searchParams;
  const m = await orNotFound(getProgressMatrix(user, id, sp));
  const base = `/instructor/cohorts/${m.cohort.id}`;
  const pages = Math.max(1, Math.ceil(m.rows.length / MATRIX_PAGE_SIZE));
  const page = Math.min(pages, Math.max(1, Math.floor(Number(typeof sp.page === "string" ? sp.page : 1)) || 1));
  const first = (page - 1) * MATRIX_PAGE_SIZE;
  const shown = m.rows.slice(first, first + MATRIX_PAGE_SIZE);
  const pageHref = (n: number) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(m.query)) if (typeof v === "string" && v) q.set(k, v);
    q.set("page", String(n));
    return `${base}?${q}`;
  };

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
        {m.rows.length > shown.length
          ? `Showing ${first + 1}–${first + shown.length} of ${m.rows.length} matching`
          : `Showing ${m.rows.length} of`}{" "}
        {m.studentCount} {m.studentCount === 1 ? "student" : "students"} · {m.columns.length}{" "}
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
        <>
          <MatrixTable {...tableProps(m, shown, base)} />
          <Pagination label="Matrix pages" page={page} pages={pages} hrefFor={pageHref} />
        </>
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
