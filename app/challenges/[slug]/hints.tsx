"use client";
import { useActionState, type ReactNode } from "react";
import { revealHintAction } from "./actions";
import { Alert } from "@/app/_components/ui";

export type THintItem = { index: number; title: string; cost: number; content?: ReactNode };

/** Hints, revealed one at a time on request; each reveal is recorded and may cost points. */
export function Hints({ slug, hints }: { slug: string; hints: THintItem[] }) {
  const [state, reveal, isPending] = useActionState(revealHintAction, null);
  const next = hints.find((h) => h.content === undefined);
  return (
    <div className="space-y-3">
      <ol className="space-y-3">
        {hints.map((h) => (
          <li key={h.index} className="rounded-md border border-line p-3">
            <p className="flex flex-wrap items-center justify-between gap-2 text-sm font-semibold">
              <span>
                Hint {h.index + 1}: {h.title}
              </span>
              <span className="text-xs font-normal text-muted">
                {h.cost > 0 ? `costs ${h.cost} points` : "free"}
              </span>
            </p>
            {h.content !== undefined ? (
              <div className="mt-2">{h.content}</div>
            ) : h === next ? (
              <form action={reveal} className="mt-2">
                <input type="hidden" name="challenge" value={slug} />
                <input type="hidden" name="index" value={h.index} />
                <button type="submit" className="btn-secondary px-3 py-1.5" disabled={isPending}>
                  {isPending ? "Revealing…" : `Reveal hint ${h.index + 1}${h.cost > 0 ? ` (−${h.cost} points)` : ""}`}
                </button>
              </form>
            ) : (
              <p className="mt-1 text-xs text-muted">Reveal the hints before it first.</p>
            )}
          </li>
        ))}
      </ol>
      {state && !state.ok && <Alert tone="error">{state.message}</Alert>}
    </div>
  );
}
