"use client";
import { useRef, type KeyboardEvent } from "react";
import type { TCaseResult, TConstraintResult, TExpectedDecision, TGradeDiagnostic, TPolicyActual, TRequest } from "@/core/index";
import { Code, DecisionBadge, Trace, caseExplain } from "./trace";
import { decisionText } from "./labels";

function isPolicyActual(a: TCaseResult["actual"]): a is TPolicyActual {
  return !!a && "decision" in a;
}

/**
 * Case results as a keyboard-navigable list (arrow keys, Home/End): choosing a case shows its
 * trace below and reports it through `onSelect`, so the text of the policy can be highlighted.
 */
export function CaseResults({
  cases,
  selectedId,
  onSelect,
  label,
}: {
  cases: TCaseResult[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  label: string;
}) {
  const refs = useRef<Array<HTMLButtonElement | null>>([]);
  const selected = cases.find((c) => c.id === selectedId) ?? null;

  function onKeyDown(e: KeyboardEvent<HTMLButtonElement>, i: number) {
    const next =
      e.key === "ArrowDown" ? i + 1 : e.key === "ArrowUp" ? i - 1 : e.key === "Home" ? 0 : e.key === "End" ? cases.length - 1 : null;
    if (next === null) return;
    e.preventDefault();
    const j = (next + cases.length) % cases.length;
    refs.current[j]?.focus();
    onSelect(cases[j].id);
  }

  return (
    <div className="space-y-3">
      <ul aria-label={label} className="divide-y divide-line overflow-hidden rounded-md border border-line">
        {cases.map((c, i) => {
          const isSelected = c.id === selectedId;
          const actual = isPolicyActual(c.actual) ? c.actual.decision : null;
          return (
            <li key={c.id}>
              <button
                ref={(el) => {
                  refs.current[i] = el;
                }}
                type="button"
                aria-pressed={isSelected}
                onClick={() => onSelect(c.id)}
                onKeyDown={(e) => onKeyDown(e, i)}
                className={`flex w-full flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2 text-left text-sm hover:bg-slate-50 focus-visible:-outline-offset-2 ${
                  isSelected ? "bg-brand-50" : "bg-white"
                }`}
              >
                <span
                  className={`inline-flex shrink-0 items-center rounded-full px-2 py-0.5 text-xs font-semibold ${
                    c.passed ? "bg-emerald-50 text-allow" : "bg-red-50 text-deny"
                  }`}
                >
                  <span aria-hidden="true">{c.passed ? "✓ " : "✕ "}</span>
                  {c.passed ? "Passed" : "Failed"}
                </span>
                <span className="min-w-0 flex-1 break-words">
                  {c.name}
                  {c.visibility === "hidden" && <span className="sr-only"> (hidden test)</span>}
                </span>
                {typeof c.expected === "string" && actual && (
                  <span className="text-xs text-muted">
                    expected {decisionText(c.expected as TExpectedDecision)} · got {decisionText(actual)}
                  </span>
                )}
                <span className="text-xs text-muted">
                  {c.earned}/{c.points} pt
                </span>
              </button>
            </li>
          );
        })}
      </ul>
      {selected && <CaseDetail c={selected} />}
    </div>
  );
}

function CaseDetail({ c }: { c: TCaseResult }) {
  const explain = caseExplain(c);
  const actual = isPolicyActual(c.actual) ? c.actual.decision : null;
  return (
    <section aria-label={`Details: ${c.name}`} className="rounded-md border border-line bg-white p-3">
      <h4 className="text-sm font-semibold break-words">{c.name}</h4>
      {c.visibility === "hidden" ? (
        <p className="mt-1 text-sm text-muted">
          A hidden test: only whether it passed is shown{c.passed ? "." : ", and the hint for the mistake it catches."}
        </p>
      ) : null}
      {typeof c.expected === "string" && actual && (
        <p className="mt-2 flex flex-wrap items-center gap-2 text-sm">
          Expected <strong>{decisionText(c.expected as TExpectedDecision)}</strong>, got <DecisionBadge decision={actual} />
        </p>
      )}
      {c.hint && (
        <div className="mt-2 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          <strong>Hint:</strong> <Code text={c.hint} />
        </div>
      )}
      {explain && (
        <div className="mt-3">
          <Trace explain={explain} request={c.request as TRequest | undefined} />
        </div>
      )}
      {Array.isArray(c.explain) && c.explain.length > 0 && (
        <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">
          {c.explain.map((m, i) => (
            <li key={i} className="break-words">
              <Code text={m} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function ConstraintList({ constraints }: { constraints: TConstraintResult[] }) {
  if (constraints.length === 0) return null;
  return (
    <div>
      <h4 className="text-sm font-semibold">Constraints</h4>
      <ul className="mt-1 space-y-1 text-sm">
        {constraints.map((c) => (
          <li key={c.id} className="break-words">
            <span className={`font-semibold ${c.passed ? "text-allow" : "text-deny"}`}>
              <span aria-hidden="true">{c.passed ? "✓" : "✕"}</span> {c.passed ? "Met" : "Not met"}:
            </span>{" "}
            {c.name} <span className="text-muted">({c.message})</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function DiagnosticList({ diagnostics, title }: { diagnostics: TGradeDiagnostic[]; title: string }) {
  if (diagnostics.length === 0) return null;
  return (
    <div>
      <h4 className="text-sm font-semibold">{title}</h4>
      <ul className="mt-1 space-y-1 text-sm">
        {diagnostics.map((d, i) => {
          const line = "range" in d ? d.range.start.line : d.line;
          return (
            <li key={i} className="break-words">
              <span className={d.severity === "error" ? "font-semibold text-deny" : "font-semibold text-amber-800"}>
                {d.severity}
              </span>
              {line ? <span className="text-muted"> line {line}</span> : null}: <Code text={d.message} />
            </li>
          );
        })}
      </ul>
    </div>
  );
}
