"use client";
import { useEffect, useMemo, useState } from "react";
import type { diffLines as TDiffLinesFn } from "diff";
import { percent } from "./labels";

type TDiffLines = typeof TDiffLinesFn;

export type TAttempt = {
  id: string;
  /** 1 = the first attempt */
  number: number;
  status: string;
  gradable: boolean | null;
  score: number | null;
  points: number | null;
  queuedAt: string;
  answer: string;
};

const STATUS_TEXT: Record<string, string> = { QUEUED: "queued", RUNNING: "grading", ERROR: "platform error" };

function attemptScore(a: TAttempt): string {
  if (a.status !== "GRADED") return STATUS_TEXT[a.status] ?? a.status.toLowerCase();
  if (a.gradable === false) return "not gradable";
  return percent(a.score);
}

/** Past attempts: load one into the editor, open its result, or compare any two line by line. */
export function History({
  attempts,
  onLoad,
  onView,
}: {
  attempts: TAttempt[];
  onLoad: (a: TAttempt) => void;
  onView: (a: TAttempt) => void;
}) {
  const [picked, setPicked] = useState<string[]>([]);
  // The diff library is only needed once two attempts are ticked: it is not part of the page's first load.
  const [diffLines, setDiffLines] = useState<TDiffLines | null>(null);
  const wantsDiff = picked.length === 2;
  useEffect(() => {
    if (!wantsDiff || diffLines) return;
    let live = true;
    void import("diff").then((m) => {
      if (live) setDiffLines(() => m.diffLines);
    });
    return () => {
      live = false;
    };
  }, [wantsDiff, diffLines]);
  const pair = useMemo(() => {
    if (picked.length !== 2 || !diffLines) return null;
    const [a, b] = picked
      .map((id) => attempts.find((x) => x.id === id))
      .filter((x): x is TAttempt => !!x)
      .sort((x, y) => x.number - y.number);
    return a && b ? { a, b, parts: diffLines(a.answer, b.answer) } : null;
  }, [picked, attempts, diffLines]);

  if (attempts.length === 0) {
    return (
      <div className="rounded-md border border-dashed border-line p-6 text-center text-sm text-muted">
        <p className="font-semibold text-ink">No attempts yet</p>
        <p className="mt-1">Your submissions appear here, with their scores. Pick any two to compare them.</p>
      </div>
    );
  }
  const toggle = (id: string) =>
    setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p.slice(-1), id]));

  return (
    <div className="space-y-4">
      <p className="text-sm text-muted">Tick two attempts to see what changed between them.</p>
      <ul aria-label="Your attempts" className="divide-y divide-line rounded-md border border-line">
        {attempts.map((a) => (
          <li key={a.id} className="flex flex-wrap items-center gap-x-3 gap-y-2 px-3 py-2 text-sm">
            <input
              id={`cmp-${a.id}`}
              type="checkbox"
              className="h-4 w-4 accent-brand-600"
              checked={picked.includes(a.id)}
              onChange={() => toggle(a.id)}
              aria-label={`Compare attempt ${a.number}`}
            />
            <span className="font-semibold">Attempt {a.number}</span>
            <span className={a.score === 1 ? "font-semibold text-allow" : "text-ink"}>{attemptScore(a)}</span>
            <time dateTime={a.queuedAt} className="text-xs text-muted">
              {new Date(a.queuedAt).toLocaleString("en", { dateStyle: "medium", timeStyle: "short" })}
            </time>
            <span className="ml-auto flex gap-2">
              <button type="button" className="btn-ghost px-2 py-1" onClick={() => onView(a)} aria-label={`Show the result of attempt ${a.number}`}>
                Result
              </button>
              <button type="button" className="btn-secondary px-2 py-1" onClick={() => onLoad(a)} aria-label={`Load attempt ${a.number} into the editor`}>
                Load
              </button>
            </span>
          </li>
        ))}
      </ul>
      {pair && (
        <section aria-label={`Changes from attempt ${pair.a.number} to attempt ${pair.b.number}`}>
          <h4 className="text-sm font-semibold">
            Attempt {pair.a.number} → attempt {pair.b.number}
          </h4>
          <pre className="mt-2 max-h-96 overflow-auto rounded-md border border-line bg-white py-2 font-mono text-xs leading-relaxed">
            {pair.parts.flatMap((part, i) =>
              part.value
                .replace(/\n$/, "")
                .split("\n")
                .map((line, j) => (
                  <div
                    key={`${i}-${j}`}
                    className={`px-3 whitespace-pre-wrap ${
                      part.added ? "bg-emerald-50 text-emerald-900" : part.removed ? "bg-red-50 text-red-900" : "text-ink"
                    }`}
                  >
                    <span aria-hidden="true" className="inline-block w-4 select-none">
                      {part.added ? "+" : part.removed ? "−" : " "}
                    </span>
                    {part.added && <span className="sr-only">added: </span>}
                    {part.removed && <span className="sr-only">removed: </span>}
                    {line}
                  </div>
                )),
            )}
          </pre>
          {pair.parts.every((p) => !p.added && !p.removed) && (
            <p className="mt-1 text-sm text-muted">The two attempts are identical.</p>
          )}
        </section>
      )}
    </div>
  );
}
