"use client";
import { useMemo, useState } from "react";
import { diffLines } from "diff";

type TAttemptText = { number: number; answer: string; score: number | null };

/** A line diff between any two attempts (by default the last two), chosen with two selects. */
export function AttemptDiff({ attempts }: { attempts: TAttemptText[] }) {
  const [from, setFrom] = useState(attempts[attempts.length - 2].number);
  const [to, setTo] = useState(attempts[attempts.length - 1].number);
  const a = attempts.find((x) => x.number === from)!;
  const b = attempts.find((x) => x.number === to)!;
  const parts = useMemo(() => diffLines(a.answer, b.answer), [a.answer, b.answer]);
  const added = parts.filter((p) => p.added).reduce((n, p) => n + (p.count ?? 0), 0);
  const removed = parts.filter((p) => p.removed).reduce((n, p) => n + (p.count ?? 0), 0);
  return (
    <section aria-labelledby="diff-heading" className="card min-w-0 p-5">
      <h3 id="diff-heading" className="text-lg font-semibold">
        Compare attempts
      </h3>
      <div className="mt-3 flex flex-wrap items-end gap-3">
        <AttemptSelect id="diff-from" name="From" attempts={attempts} value={from} onChange={setFrom} />
        <AttemptSelect id="diff-to" name="To" attempts={attempts} value={to} onChange={setTo} />
        <p className="pb-2 text-sm text-muted" role="status" data-testid="diff-summary">
          {added === 0 && removed === 0 ? "No difference" : `${added} lines added, ${removed} lines removed`}
        </p>
      </div>
      <pre
        className="mt-3 max-h-[32rem] overflow-auto rounded-md border border-line bg-white font-mono text-xs"
        aria-label={`Line diff from attempt ${from} to attempt ${to}`}
        tabIndex={0}
      >
        <div className="inline-block min-w-full py-1">
        {parts.map((p, i) =>
          p.value
            .replace(/\n$/, "")
            .split("\n")
            .map((line, j) => (
              <div
                key={`${i}-${j}`}
                className={`px-3 whitespace-pre ${p.added ? "bg-emerald-50 text-emerald-900" : p.removed ? "bg-red-50 text-red-900" : ""}`}
              >
                <span aria-hidden="true" className="mr-2 select-none text-slate-400">
                  {p.added ? "+" : p.removed ? "-" : " "}
                </span>
                {p.added && <span className="sr-only">added: </span>}
                {p.removed && <span className="sr-only">removed: </span>}
                {line}
              </div>
            )),
        )}
        </div>
      </pre>
    </section>
  );
}

const label = (x: TAttemptText) => `Attempt ${x.number}${x.score === null ? "" : ` (${Math.round(x.score * 100)} %)`}`;

/** One end of the comparison: a labelled choice of attempt. */
function AttemptSelect(props: {
  id: string;
  name: string;
  attempts: TAttemptText[];
  value: number;
  onChange: (n: number) => void;
}) {
  return (
    <div className="space-y-1.5">
      <label htmlFor={props.id} className="label">
        {props.name}
      </label>
      <select
        id={props.id}
        className="input"
        value={props.value}
        onChange={(e) => props.onChange(Number(e.target.value))}
      >
        {props.attempts.map((x) => (
          <option key={x.number} value={x.number}>
            {label(x)}
          </option>
        ))}
      </select>
    </div>
  );
}
