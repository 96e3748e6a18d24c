"use client";
// The progress matrix table. A client component fed with compact rows, so the page's RSC payload
// carries the numbers once instead of every cell's markup (200 students x 40 challenges is 8,000
// cells: see npm run bench:web). The HTML is still rendered on the server, links are plain anchors
// (no prefetch of 8,000 attempt pages), and the shared cell styles sit once on the table body.
import Link from "next/link";

import { decodeCells, type TCompactCell } from "./matrix-cells";

export type TMatrixTableProps = {
  base: string;
  query: { q?: string; status?: string; challenge?: string; sort?: string; dir?: "asc" | "desc" };
  columns: { slug: string; title: string; points: number; due: string }[];
  /** cells: encoded by matrix-cells.ts */
  rows: { id: string; name: string; email: string; points: number; solved: number; cells: string }[];
  totals: { solved: number; meanScore: number; attempts: number }[];
  studentCount: number;
  maxPoints: number;
};

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pct = (score: number) => `${Math.round(score * 100)} %`;
// Dates arrive as ISO strings and are cut, not parsed: no Date objects for 8,000 cells (on the
// server Next wraps the Date constructor, which made it the costliest part of this render).
/** "Nov 3" (UTC) from "2026-11-03T…Z". */
const shortDate = (iso: string) => `${MONTHS[Number(iso.slice(5, 7)) - 1]} ${Number(iso.slice(8, 10))}`;
/** "2026-11-03 12:00" (UTC) from "2026-11-03T12:00…Z". */
const minuteUtc = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;

function cellLabel(name: string, title: string, c: TCompactCell): string {
  if (c === 0) return `${name}, ${title}: not started`;
  const [best, attempts, solvedAt, late, pending] = c;
  const status =
    best === null && attempts === 0
      ? pending
        ? "grading"
        : "not started"
      : `best ${pct(best ?? 0)} ${attempts} ${attempts === 1 ? "attempt" : "attempts"}${
          solvedAt !== null ? ` solved ${minuteUtc(solvedAt)} UTC` : ""
        }`;
  return `${name}, ${title}: ${status}${late ? " late" : ""}`;
}

/**
 * A cell's link: its text (score, then attempts and solved date on a second line) and state
 * (data-s: s solved, a attempted, n not started) for the table body's styles. One text node and at
 * most one element: server rendering time grows with the number of nodes, and there are 8,000 cells.
 */
function cellContent(c: TCompactCell): { state: "s" | "a" | "n"; text: string; late: boolean } {
  if (c === 0) return { state: "n", text: "—", late: false };
  const [best, attempts, solvedAt, late, pending] = c;
  if (solvedAt === null && attempts === 0 && best === null)
    return { state: "n", text: pending ? "grading…" : late ? "late" : "—", late: false };
  const solved = solvedAt !== null;
  return {
    state: solved ? "s" : "a",
    text: `${solved ? "✓ " : ""}${pct(best ?? 0)}\n${attempts}× ${solved ? `· ${shortDate(solvedAt)}` : ""}`,
    late: late === 1,
  };
}

function SortHeader({
  base,
  query,
  sortKey,
  children,
  className = "",
  title,
}: {
  base: string;
  query: TMatrixTableProps["query"];
  sortKey: string;
  children: React.ReactNode;
  className?: string;
  title?: string;
}) {
  const active = (query.sort ?? "name") === sortKey;
  const dir = active ? (query.dir ?? "asc") : undefined;
  const next = active && dir === "asc" ? "desc" : sortKey === "name" ? "asc" : active ? "asc" : "desc";
  const sp = new URLSearchParams();
  if (query.q) sp.set("q", query.q);
  if (query.status) sp.set("status", query.status);
  if (query.challenge) sp.set("challenge", query.challenge);
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

// One set of classes for every matrix cell (a <td> holding an <a>), instead of one per cell. The
// first line (the score) is larger, bold and coloured by state; the second (attempts) small and muted.
const BODY = [
  "[&_td>a]:block [&_td>a]:px-2 [&_td>a]:py-2 [&_td>a]:text-center [&_td>a]:text-[11px] [&_td>a]:leading-tight",
  "[&_td>a]:whitespace-pre-line [&_td>a]:text-muted [&_td>a]:tabular-nums [&_td>a]:no-underline",
  "[&_td>a]:hover:bg-brand-50 [&_td>a]:focus-visible:-outline-offset-2",
  "[&_td>a]:first-line:text-sm [&_td>a]:first-line:font-semibold",
  "[&_td>a]:data-[s=s]:first-line:text-allow [&_td>a]:data-[s=a]:first-line:text-amber-700",
  "[&_td>a]:data-[s=n]:text-sm [&_td>a]:data-[s=n]:text-slate-400 [&_td>a]:data-[s=n]:first-line:font-normal",
  "[&_td>a>em]:mx-auto [&_td>a>em]:mt-0.5 [&_td>a>em]:block [&_td>a>em]:w-fit [&_td>a>em]:rounded [&_td>a>em]:bg-amber-100",
  "[&_td>a>em]:px-1 [&_td>a>em]:text-[10px] [&_td>a>em]:font-semibold [&_td>a>em]:text-amber-900 [&_td>a>em]:uppercase",
  "[&_td>a>em]:not-italic",
].join(" ");

export function MatrixTable({ base, query, columns, rows, totals, studentCount, maxPoints }: TMatrixTableProps) {
  return (
    <div className="card relative overflow-x-auto" tabIndex={0} aria-label="Progress matrix (scrolls sideways)">
      <table className="w-full border-collapse text-sm">
        <caption className="sr-only">
          Best score, attempts, solved date and late flag of each student on each assigned challenge
        </caption>
        <thead className="border-b border-line bg-slate-50 text-left text-xs text-muted">
          <tr>
            <SortHeader
              base={base}
              query={query}
              sortKey="name"
              className="sticky left-0 z-10 min-w-40 bg-slate-50 pl-4"
            >
              Student
            </SortHeader>
            {columns.map((c) => (
              <SortHeader
                key={c.slug}
                base={base}
                query={query}
                sortKey={c.slug}
                className="max-w-28 min-w-24 text-center font-medium"
                title={`${c.title} (${c.points} pt)`}
              >
                <span className="flex flex-col">
                  <span className="line-clamp-2 break-words">{c.title}</span>
                  <span className="font-normal text-slate-500">{c.due}</span>
                </span>
              </SortHeader>
            ))}
            <SortHeader base={base} query={query} sortKey="points" className="text-right">
              Points
            </SortHeader>
            <SortHeader base={base} query={query} sortKey="solved" className="pr-4 text-right">
              Solved
            </SortHeader>
          </tr>
        </thead>
        <tbody className={BODY}>
          {rows.map((r) => (
            <tr key={r.id} className="border-b border-line last:border-0">
              <th scope="row" className="sticky left-0 z-10 max-w-48 bg-white px-2 py-2 pl-4 text-left font-medium">
                <span className="block truncate">{r.name}</span>
                <span className="block truncate text-xs font-normal text-muted">{r.email}</span>
              </th>
              {decodeCells(r.cells).map((c, i) => {
                const col = columns[i]!;
                const { state, text, late } = cellContent(c);
                return (
                  <td key={col.slug}>
                    <a
                      href={`${base}/students/${r.id}/challenges/${col.slug}`}
                      aria-label={cellLabel(r.name, col.title, c)}
                      data-s={state}
                    >
                      {text}
                      {late && <em>late</em>}
                    </a>
                  </td>
                );
              })}
              <td className="px-2 py-2 text-right font-semibold tabular-nums">{r.points}</td>
              <td className="px-2 py-2 pr-4 text-right tabular-nums">
                {r.solved}/{columns.length}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot className="border-t-2 border-line bg-slate-50 text-xs text-muted">
          <tr>
            <th scope="row" className="sticky left-0 z-10 bg-slate-50 px-2 py-2 pl-4 text-left font-semibold text-ink">
              All {studentCount} students
            </th>
            {totals.map((t, i) => (
              <td key={columns[i]!.slug} className="px-2 py-2 text-center">
                <span className="block font-semibold text-ink tabular-nums">
                  {t.solved}/{studentCount} solved
                </span>
                <span className="block tabular-nums">avg {pct(t.meanScore)}</span>
                <span className="block tabular-nums">{t.attempts} attempts</span>
              </td>
            ))}
            <td className="px-2 py-2 text-right tabular-nums" colSpan={2}>
              of {maxPoints} pt
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
