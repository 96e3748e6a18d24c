"use client";
// The misconception heatmap: tags x challenges, mostly empty cells. A client component fed with the
// sparse shares, so the page's RSC payload carries ~200 numbers instead of thousands of cells'
// markup (see npm run bench:web); the HTML is still rendered on the server. The cell styles sit
// once on the table body.
import Link from "next/link";

export type THeatmapProps = {
  tags: string[];
  columns: { id: string; slug: string; title: string; href: string }[];
  /** tag -> challenge id -> share 0..1 (absent: no failure with that tag) */
  cells: Record<string, Record<string, number>>;
};

const pct = (x: number) => `${Math.round(x * 100)} %`;

/** Heat colour for a share 0..1 (text stays readable on every step). */
export function heat(share: number): string {
  if (share >= 0.6) return "bg-red-700 text-white";
  if (share >= 0.4) return "bg-red-500 text-white";
  if (share >= 0.2) return "bg-red-200 text-red-950";
  if (share > 0) return "bg-red-50 text-red-900";
  return "bg-white text-slate-400";
}

const BODY =
  "[&_td]:px-0.5 [&_td]:py-0.5 [&_td>span]:block [&_td>span]:min-w-[3rem] [&_td>span]:rounded [&_td>span]:px-1.5 " +
  "[&_td>span]:py-1 [&_td>span]:text-center [&_td>span]:tabular-nums";

export function Heatmap({ tags, columns, cells }: THeatmapProps) {
  return (
    <div className="-mx-5 overflow-x-auto px-5" tabIndex={0} aria-label="Misconception heatmap, scrolls sideways">
      <table className="text-xs">
        <thead>
          <tr>
            <th scope="col" className="sticky left-0 bg-white py-2 pr-3 text-left font-medium text-muted">
              Misconception
            </th>
            {columns.map((c) => (
              <th key={c.id} scope="col" className="px-1 py-2 align-bottom font-medium text-muted">
                <Link href={c.href} className="block max-w-[7rem] truncate font-mono text-brand-700" title={c.title}>
                  {c.slug}
                </Link>
              </th>
            ))}
          </tr>
        </thead>
        <tbody className={BODY}>
          {tags.map((t) => (
            <tr key={t}>
              <th scope="row" className="sticky left-0 bg-white py-1 pr-3 text-left font-mono font-normal">
                {t}
              </th>
              {columns.map((c) => {
                const v = cells[t]?.[c.id];
                return (
                  <td key={c.id}>
                    <span className={heat(v ?? 0)}>{v === undefined ? "·" : pct(v)}</span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
