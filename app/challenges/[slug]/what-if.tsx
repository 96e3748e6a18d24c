"use client";
import { useEffect, useId, useMemo, useState } from "react";
import {
  POLICY_KIND_OF,
  buildCaseInput,
  compile,
  evaluate,
  isPolicyChallengeKind,
  parsePolicy,
  type TContextValue,
  type TPolicyCase,
} from "@/core/index";
import type { THighlight } from "./code-editor";
import type { TWorkbenchSpec } from "./labels";
import { DecisionBadge, Trace, highlightsFor } from "./trace";

type TRow = { key: string; value: string };
const OTHER = "__other__";

function contextValue(raw: string): TContextValue {
  const parts = raw.split(",").map((s) => s.trim());
  return parts.length > 1 ? parts : raw.trim();
}

/**
 * A request the student edits freely, evaluated live against the current draft in the challenge's
 * world (the same combination the grader uses: buildCaseInput).
 */
export function WhatIf({
  spec,
  text,
  onHighlights,
}: {
  spec: TWorkbenchSpec;
  text: string;
  onHighlights: (h: THighlight[]) => void;
}) {
  const id = useId();
  const world = spec.policy!.world;
  const principalNames = Object.keys(world.principals);
  const resourceNames = Object.keys(world.resources);
  const first = spec.cases.find((c): c is TPolicyCase => "request" in c);
  const [principal, setPrincipal] = useState(first?.request.principal ?? principalNames[0] ?? "");
  const [isOtherPrincipal, setIsOtherPrincipal] = useState(first ? !(first.request.principal in world.principals) : false);
  const [action, setAction] = useState(first?.request.action ?? "s3:GetObject");
  const [resource, setResource] = useState(first?.request.resource ?? resourceNames[0] ?? "*");
  const [rows, setRows] = useState<TRow[]>(() => {
    const ctx = Object.entries(first?.request.context ?? {}).map(([key, v]) => ({
      key,
      value: Array.isArray(v) ? v.join(", ") : String(v),
    }));
    return ctx.length ? ctx : [{ key: "aws:SecureTransport", value: "true" }];
  });

  const actions = useMemo(
    () => [...new Set(spec.cases.flatMap((c) => ("request" in c ? [c.request.action] : [])))].sort(),
    [spec.cases],
  );
  const resourceRefs = useMemo(
    () =>
      [
        ...new Set([
          ...resourceNames,
          ...spec.cases.flatMap((c) => ("request" in c ? [c.request.resource] : [])),
        ]),
      ].sort(),
    [resourceNames, spec.cases],
  );

  const parsed = useMemo(() => {
    if (!isPolicyChallengeKind(spec.kind)) return null;
    const p = parsePolicy(text, { kind: POLICY_KIND_OF[spec.kind] });
    return p.policy ? { compiled: compile(p.policy), document: p.policy.document } : null;
  }, [spec.kind, text]);

  const result = useMemo(() => {
    if (!parsed || !isPolicyChallengeKind(spec.kind) || !spec.policy) return null;
    if (!principal.trim() || !/^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$/.test(action.trim()) || !resource.trim()) return "incomplete" as const;
    const context: Record<string, TContextValue> = {};
    for (const r of rows) if (r.key.trim()) context[r.key.trim()] = contextValue(r.value);
    const c: TPolicyCase = {
      id: "what-if",
      title: "what-if",
      visibility: "visible",
      points: 0,
      request: { principal: principal.trim(), action: action.trim(), resource: resource.trim(), context },
      expect: "Allow",
    };
    const input = buildCaseInput(spec.kind, spec.policy.world, spec.policy.slot, c, parsed);
    return { request: input.request, evaluation: evaluate(input, { explain: true }) };
  }, [parsed, spec.kind, spec.policy, principal, action, resource, rows]);

  const explain = result && result !== "incomplete" ? result.evaluation.explain : undefined;
  useEffect(() => {
    onHighlights(highlightsFor(explain));
  }, [explain, onHighlights]);

  const setRow = (i: number, patch: Partial<TRow>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  return (
    <div className="space-y-4">
      <p className="text-sm text-muted">
        Try any request against your current draft, in this challenge&apos;s world (the other policies count too). Nothing
        is submitted.
      </p>
      <div className="grid gap-3 sm:grid-cols-2">
        <div className="space-y-1.5">
          <label htmlFor={`${id}-principal`} className="label">
            Principal
          </label>
          <select
            id={`${id}-principal`}
            className="input"
            value={isOtherPrincipal ? OTHER : principal}
            onChange={(e) => {
              if (e.target.value === OTHER) {
                setIsOtherPrincipal(true);
                setPrincipal(world.principals[principal]?.arn ?? principal);
              } else {
                setIsOtherPrincipal(false);
                setPrincipal(e.target.value);
              }
            }}
          >
            {principalNames.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
            <option value={OTHER}>Another principal (ARN)…</option>
          </select>
          {isOtherPrincipal && (
            <>
              <label htmlFor={`${id}-principal-arn`} className="sr-only">
                Principal ARN
              </label>
              <input
                id={`${id}-principal-arn`}
                className="input font-mono"
                value={principal}
                placeholder="arn:aws:iam::123456789012:role/name, 123456789012, anonymous"
                onChange={(e) => setPrincipal(e.target.value)}
                spellCheck={false}
              />
            </>
          )}
          {!isOtherPrincipal && world.principals[principal] && (
            <p className="font-mono text-xs break-all text-muted">{world.principals[principal].arn}</p>
          )}
        </div>
        <div className="space-y-1.5">
          <label htmlFor={`${id}-action`} className="label">
            Action
          </label>
          <input
            id={`${id}-action`}
            className="input font-mono"
            list={`${id}-actions`}
            value={action}
            onChange={(e) => setAction(e.target.value)}
            spellCheck={false}
            aria-invalid={!/^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$/.test(action.trim())}
          />
          <datalist id={`${id}-actions`}>
            {actions.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
        </div>
        <div className="space-y-1.5 sm:col-span-2">
          <label htmlFor={`${id}-resource`} className="label">
            Resource
          </label>
          <input
            id={`${id}-resource`}
            className="input font-mono"
            list={`${id}-resources`}
            value={resource}
            onChange={(e) => setResource(e.target.value)}
            spellCheck={false}
            aria-describedby={`${id}-resource-hint`}
          />
          <datalist id={`${id}-resources`}>
            {resourceRefs.map((r) => (
              <option key={r} value={r} />
            ))}
          </datalist>
          <p id={`${id}-resource-hint`} className="text-xs text-muted">
            A resource name of the world ({resourceNames.join(", ") || "none"}), <code className="font-mono">name/key</code>{" "}
            for an object, or any ARN.
          </p>
        </div>
      </div>
      <fieldset>
        <legend className="label">Request context</legend>
        <p className="text-xs text-muted">Separate several values of one key with commas.</p>
        <ul className="mt-2 space-y-2">
          {rows.map((r, i) => (
            <li key={i} className="grid grid-cols-[minmax(0,1fr)_minmax(0,1fr)_auto] items-center gap-2">
              <input
                aria-label={`Context key ${i + 1}`}
                className="input font-mono"
                value={r.key}
                placeholder="aws:SourceIp"
                onChange={(e) => setRow(i, { key: e.target.value })}
                spellCheck={false}
              />
              <input
                aria-label={`Context value ${i + 1}`}
                className="input font-mono"
                value={r.value}
                placeholder="value"
                onChange={(e) => setRow(i, { value: e.target.value })}
                spellCheck={false}
              />
              <button
                type="button"
                className="btn-ghost px-2 py-1"
                aria-label={`Remove context key ${i + 1}`}
                onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))}
              >
                <span aria-hidden="true">✕</span>
              </button>
            </li>
          ))}
        </ul>
        <button
          type="button"
          className="btn-secondary mt-2 px-3 py-1.5"
          onClick={() => setRows((rs) => [...rs, { key: "", value: "" }])}
        >
          Add context key
        </button>
      </fieldset>
      <div aria-live="polite" className="rounded-md border border-line bg-slate-50 p-3">
        {!parsed ? (
          <p className="text-sm text-muted">Fix the errors underlined in the editor to evaluate requests.</p>
        ) : result === "incomplete" || !result ? (
          <p className="text-sm text-muted">Fill in a principal, an action like s3:GetObject and a resource.</p>
        ) : (
          <div className="space-y-3">
            <p className="flex flex-wrap items-center gap-2 text-sm font-semibold" data-testid="what-if-decision">
              Decision: <DecisionBadge decision={result.evaluation.decision} />
            </p>
            {result.evaluation.explain && <Trace explain={result.evaluation.explain} request={result.request} />}
          </div>
        )}
      </div>
    </div>
  );
}
