"use client";
import type { TCaseResult, TDecision, TExplain, TRequest } from "@/core/index";
import type { THighlight } from "./code-editor";
import { LAYER_LABEL, decisionText } from "./labels";

/** The student's statements are the ones with a text range (world policies are raw documents). */
function isStudentPolicy(p: TExplain["policies"][number]): boolean {
  return p.statements.some((s) => s.range);
}

/**
 * What to mark in the student's text for one evaluation: statements that applied (green for an
 * Allow, red for a Deny) and, for statements that did not apply, the failing condition (amber).
 */
export function highlightsFor(explain: TExplain | null | undefined): THighlight[] {
  if (!explain) return [];
  const out: THighlight[] = [];
  for (const p of explain.policies) {
    if (!isStudentPolicy(p)) continue;
    for (const s of p.statements) {
      if (s.isApplied && s.range) out.push({ from: s.range.from, to: s.range.to, tone: s.effect === "Deny" ? "deny" : "allow" });
      else if (s.mismatch?.kind === "condition" && s.mismatch.range)
        out.push({ from: s.mismatch.range.from, to: s.mismatch.range.to, tone: "miss" });
    }
  }
  return out;
}

export function DecisionBadge({ decision }: { decision: TDecision }) {
  const allow = decision === "Allow";
  return (
    <span
      className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-semibold ${
        allow ? "bg-emerald-50 text-allow ring-1 ring-emerald-200" : "bg-red-50 text-deny ring-1 ring-red-200"
      }`}
    >
      <span aria-hidden="true">{allow ? "✓" : "✕"}</span>
      {decisionText(decision)}
    </span>
  );
}

function RequestLine({ request }: { request: TRequest }) {
  const ctx = Object.entries(request.context ?? {});
  return (
    <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-0.5 font-mono text-xs">
      <dt className="text-muted">principal</dt>
      <dd className="break-all">{request.principal}</dd>
      <dt className="text-muted">action</dt>
      <dd className="break-all">{request.action}</dd>
      <dt className="text-muted">resource</dt>
      <dd className="break-all">{request.resource}</dd>
      {ctx.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-muted">{k}</dt>
          <dd className="break-all">{JSON.stringify(v)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The decision trace of one evaluation: why it came out this way, layer by layer. */
export function Trace({ explain, request }: { explain: TExplain; request?: TRequest }) {
  return (
    <div className="space-y-3 text-sm">
      {request && <RequestLine request={request} />}
      <p>
        Decided by: <strong>{LAYER_LABEL[explain.decidingLayer]}</strong>
        {explain.request.isCrossAccount && <span className="text-muted"> · cross-account request</span>}
      </p>
      <ul className="list-disc space-y-1 pl-5">
        {explain.summary.map((s, i) => (
          <li key={i} className="break-words">
            <Code text={s} />
          </li>
        ))}
      </ul>
      <ul className="space-y-2">
        {explain.policies.map((p) => {
          const mine = isStudentPolicy(p);
          return (
            <li key={p.label} className={`rounded-md border p-2 ${mine ? "border-brand-200 bg-brand-50/40" : "border-line"}`}>
              <p className="text-xs font-semibold">
                {mine ? "Your policy" : LAYER_LABEL[p.layer]}{" "}
                <span className="font-mono font-normal text-muted">{p.label}</span> ·{" "}
                <span className={p.outcome === "allow" ? "text-allow" : p.outcome === "deny" ? "text-deny" : "text-muted"}>
                  {p.outcome === "none" ? "does not apply" : `${p.outcome}s`}
                </span>
              </p>
              {p.note && <p className="mt-1 text-xs text-muted">{p.note}</p>}
              <ul className="mt-1 space-y-0.5 text-xs">
                {p.statements.map((s) => (
                  <li key={s.index} className="break-words">
                    <span className="font-mono">
                      #{s.index}
                      {s.sid ? ` ${s.sid}` : ""}
                    </span>{" "}
                    ({s.effect}){" "}
                    {s.isApplied ? (
                      <strong className={s.effect === "Deny" ? "text-deny" : "text-allow"}>applies</strong>
                    ) : (
                      <span className="text-muted">
                        <Code text={s.mismatch?.message ?? "does not apply"} />
                      </span>
                    )}
                    {mine && s.range && <span className="text-muted"> · line {s.range.start.line}</span>}
                  </li>
                ))}
              </ul>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** Renders `backticked` parts of a core message as code. */
export function Code({ text }: { text: string }) {
  const parts = text.split("`");
  return (
    <>
      {parts.map((p, i) =>
        i % 2 === 1 ? (
          <code key={i} className="rounded bg-slate-100 px-1 font-mono text-[0.85em] break-all">
            {p}
          </code>
        ) : (
          <span key={i}>{p}</span>
        ),
      )}
    </>
  );
}

export function caseExplain(c: TCaseResult): TExplain | null {
  return c.explain && !Array.isArray(c.explain) ? c.explain : null;
}
