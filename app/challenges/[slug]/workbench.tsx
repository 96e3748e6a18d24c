"use client";
import { useCallback, useEffect, useMemo, useRef, useState, useTransition, type KeyboardEvent } from "react";
import { useRouter } from "next/navigation";
import dynamic from "next/dynamic";
import type { CompletionSource } from "@codemirror/autocomplete";
import {
  POLICY_KIND_OF,
  POLICY_SIZE_LIMITS,
  isPolicyChallengeKind,
  parsePolicy,
  runVisibleCases,
  type TGradeReport,
  type TPolicyCase,
  type TTriggerCase,
} from "@/core/index";
import { Alert } from "@/app/_components/ui";
import { CodeEditor, type TCodeEditorHandle, type THighlight } from "./code-editor";
import { CaseResults, ConstraintList, DiagnosticList } from "./case-results";
import { History, type TAttempt } from "./history";
import { KIND_LABEL, percent, type TWorkbenchSpec } from "./labels";
import { caseExplain, highlightsFor } from "./trace";
import { submitAnswerAction } from "./actions";

// The what-if simulator (a hidden tab) is not needed for the first paint: it is not part of the
// page's first-load JavaScript and loads right after hydration (issue #7).
const WhatIf = dynamic(() => import("./what-if").then((m) => m.WhatIf), {
  ssr: false,
  loading: () => <p className="text-sm text-muted">Loading the what-if simulator…</p>,
});

function EditorPlaceholder() {
  return (
    <div className="flex h-80 items-center justify-center bg-slate-50 text-sm text-muted" role="status">
      Loading the editor…
    </div>
  );
}

type TTab = "tests" | "whatif" | "result" | "history";
type TSubmissionState = {
  id: string;
  number?: number;
  status: string;
  answer: string;
  report: TGradeReport | null;
  error: string | null;
  gradable: boolean | null;
  score: number | null;
  points: number | null;
  isDuplicate?: boolean;
};

const FINAL = new Set(["GRADED", "ERROR"]);
const EMPTY: THighlight[] = [];

function measure(text: string, kind: keyof typeof POLICY_SIZE_LIMITS): number {
  const limit = POLICY_SIZE_LIMITS[kind];
  const t = limit.countsWhitespace ? text : text.replace(/\s+/g, "");
  return limit.unit === "bytes" ? new TextEncoder().encode(t).length : t.length;
}

const POLICY_WORDS = [
  "Version",
  "2012-10-17",
  "Statement",
  "Sid",
  "Effect",
  "Allow",
  "Deny",
  "Principal",
  "NotPrincipal",
  "Action",
  "NotAction",
  "Resource",
  "NotResource",
  "Condition",
  "AWS",
  "Service",
  "Federated",
  "StringEquals",
  "StringNotEquals",
  "StringLike",
  "StringNotLike",
  "StringEqualsIgnoreCase",
  "ArnEquals",
  "ArnLike",
  "ArnNotLike",
  "Bool",
  "BoolIfExists",
  "IpAddress",
  "NotIpAddress",
  "NumericLessThan",
  "NumericGreaterThan",
  "DateGreaterThan",
  "DateLessThan",
  "Null",
  "ForAllValues:StringEquals",
  "ForAnyValue:StringEquals",
  "StringEqualsIfExists",
  "aws:SecureTransport",
  "aws:SourceIp",
  "aws:SourceVpce",
  "aws:PrincipalArn",
  "aws:PrincipalAccount",
  "aws:PrincipalOrgID",
  "aws:PrincipalTag/",
  "aws:ResourceAccount",
  "aws:ResourceOrgID",
  "aws:SourceArn",
  "aws:SourceAccount",
  "aws:MultiFactorAuthPresent",
  "aws:RequestedRegion",
  "aws:CalledVia",
  "aws:ViaAWSService",
  "aws:userid",
  "aws:username",
  "kms:ViaService",
  "kms:CallerAccount",
  "s3:x-amz-server-side-encryption",
  "sts:ExternalId",
];

function completionsFor(spec: TWorkbenchSpec): CompletionSource {
  const words = new Set(POLICY_WORDS);
  if (spec.policy) {
    for (const p of Object.values(spec.policy.world.principals)) words.add(p.arn);
    for (const r of Object.values(spec.policy.world.resources)) {
      words.add(r.arn);
      words.add(`${r.arn}/*`);
    }
    for (const a of spec.policy.world.accounts) words.add(a.id);
  }
  for (const c of spec.cases) if ("request" in c) words.add(c.request.action);
  const options = [...words].map((label) => ({ label, type: label.includes(":") && !label.startsWith("arn:") ? "keyword" : "text" }));
  return (ctx) => {
    const word = ctx.matchBefore(/[\w:*\-./]+/);
    if (!word || (word.from === word.to && !ctx.explicit)) return null;
    return { from: word.from, options, validFor: /^[\w:*\-./]*$/ };
  };
}

function storageKey(userId: string, slug: string) {
  return `bastion:draft:v1:${userId}:${slug}`;
}

/**
 * The editor and everything around it: live validation, visible tests in the browser, the what-if
 * simulator, submission with live status, the explained result and the attempt history.
 */
export function Workbench({ spec, userId, attempts }: { spec: TWorkbenchSpec; userId: string; attempts: TAttempt[] }) {
  const router = useRouter();
  const editor = useRef<TCodeEditorHandle>(null);
  const isPolicy = isPolicyChallengeKind(spec.kind);
  const policyKind = isPolicyChallengeKind(spec.kind) ? POLICY_KIND_OF[spec.kind] : undefined;
  const key = storageKey(userId, spec.slug);

  const [initialText, setInitialText] = useState<string | null>(null);
  const [text, setText] = useState(spec.starter);
  const [settled, setSettled] = useState(spec.starter);
  const [tab, setTab] = useState<TTab>(isPolicy ? "tests" : "history");
  const [visible, setVisible] = useState<{ report: TGradeReport; text: string } | null>(null);
  const [selectedVisible, setSelectedVisible] = useState<string | null>(null);
  const [whatIfHighlights, setWhatIfHighlights] = useState<THighlight[]>(EMPTY);
  const [submission, setSubmission] = useState<TSubmissionState | null>(null);
  const [selectedResult, setSelectedResult] = useState<string | null>(null);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [isSubmitting, startSubmit] = useTransition();
  const completions = useMemo(() => (isPolicy ? completionsFor(spec) : undefined), [isPolicy, spec]);

  // The draft: restored after mount (localStorage is browser-only), saved as the student types.
  useEffect(() => {
    let stored: string | null = null;
    try {
      stored = window.localStorage.getItem(key);
    } catch {
      /* storage blocked: start from the starter */
    }
    const start = stored ?? spec.starter;
    setInitialText(start);
    setText(start);
    setSettled(start);
  }, [key, spec.starter]);

  useEffect(() => {
    const t = setTimeout(() => {
      setSettled(text);
      if (initialText === null) return;
      try {
        if (text === spec.starter) window.localStorage.removeItem(key);
        else window.localStorage.setItem(key, text);
      } catch {
        /* quota or blocked storage: the draft just is not kept */
      }
    }, 250);
    return () => clearTimeout(t);
  }, [text, key, spec.starter, initialText]);

  const diagnostics = useMemo(
    () => (policyKind ? parsePolicy(settled, { kind: policyKind }).diagnostics : []),
    [settled, policyKind],
  );
  const errorCount = diagnostics.filter((d) => d.severity === "error").length;
  const warningCount = diagnostics.length - errorCount;
  const size = policyKind ? { used: measure(text, policyKind), limit: POLICY_SIZE_LIMITS[policyKind] } : null;

  const runTests = useCallback(() => {
    const current = editor.current?.getText() ?? text;
    const report = runVisibleCases(spec, current);
    if (!report) return;
    setVisible({ report, text: current });
    const firstFailed = report.cases.find((c) => !c.passed) ?? report.cases[0];
    setSelectedVisible(firstFailed?.id ?? null);
    setTab("tests");
  }, [spec, text]);

  const isVisibleStale = !!visible && visible.text !== text;

  // What the main editor marks: the selected visible case's trace, or the what-if trace.
  const editorHighlights = useMemo(() => {
    if (tab === "whatif") return whatIfHighlights;
    if (tab === "tests" && visible && !isVisibleStale) {
      const c = visible.report.cases.find((x) => x.id === selectedVisible);
      return c ? highlightsFor(caseExplain(c)) : EMPTY;
    }
    return EMPTY;
  }, [tab, whatIfHighlights, visible, isVisibleStale, selectedVisible]);

  const resultHighlights = useMemo(() => {
    const c = submission?.report?.cases.find((x) => x.id === selectedResult);
    return c ? highlightsFor(caseExplain(c)) : EMPTY;
  }, [submission, selectedResult]);

  // Follow a submission until it is graded: server-sent events, polling when they fail.
  const submissionId = submission?.id;
  const submissionStatus = submission?.status;
  useEffect(() => {
    if (!submissionId || !submissionStatus) return;
    let stopped = false;
    let es: EventSource | null = null;
    let poll: ReturnType<typeof setTimeout> | null = null;

    const fetchReport = async () => {
      const res = await fetch(`/api/submissions/${submissionId}`, { cache: "no-store" });
      if (!res.ok) throw new Error(`status ${res.status}`);
      const s = (await res.json()) as {
        status: string;
        report: TGradeReport | null;
        error: string | null;
        gradable: boolean | null;
        score: number | null;
        points: number | null;
      };
      if (stopped) return s.status;
      setSubmission((prev) =>
        prev && prev.id === submissionId
          ? { ...prev, status: s.status, report: s.report, error: s.error, gradable: s.gradable, score: s.score, points: s.points }
          : prev,
      );
      if (s.report) {
        const firstFailed = s.report.cases.find((c) => !c.passed && c.visibility === "visible") ?? s.report.cases.find((c) => !c.passed);
        setSelectedResult(firstFailed?.id ?? s.report.cases[0]?.id ?? null);
      }
      return s.status;
    };
    const finish = () => {
      void fetchReport()
        .then(() => router.refresh())
        .catch(() => setSubmission((p) => (p && p.id === submissionId ? { ...p, error: "could not load the result: reload the page" } : p)));
    };
    const startPolling = () => {
      const tick = async () => {
        if (stopped) return;
        try {
          const status = await fetchReport();
          if (FINAL.has(status)) {
            router.refresh();
            return;
          }
        } catch {
          /* try again */
        }
        poll = setTimeout(tick, 1000);
      };
      void tick();
    };

    if (FINAL.has(submissionStatus)) {
      // An attempt from the history (or a duplicate of a graded one): just load its report.
      void fetchReport().catch(() => {});
      return () => {
        stopped = true;
      };
    }
    if (typeof EventSource === "undefined") startPolling();
    else {
      es = new EventSource(`/api/submissions/${submissionId}/events`);
      es.addEventListener("status", (ev) => {
        try {
          const data = JSON.parse((ev as MessageEvent<string>).data) as { status: string; score?: number | null };
          if (stopped) return;
          setSubmission((p) => (p && p.id === submissionId ? { ...p, status: data.status } : p));
          if (FINAL.has(data.status)) {
            es?.close();
            finish();
          }
        } catch {
          /* malformed event: ignore */
        }
      });
      es.onerror = () => {
        es?.close();
        if (!stopped) startPolling();
      };
    }
    return () => {
      stopped = true;
      es?.close();
      if (poll) clearTimeout(poll);
    };
    // Only a new submission restarts the follower: later statuses come from the follower itself.
  }, [submissionId]);

  function submit() {
    const answer = editor.current?.getText() ?? text;
    setSubmitError(null);
    startSubmit(async () => {
      const r = await submitAnswerAction(spec.slug, answer);
      if (!r.ok || !r.data) {
        setSubmitError(r.ok ? "the submission was not recorded: try again" : r.message);
        return;
      }
      setSubmission({
        id: r.data.id,
        status: r.data.status,
        answer,
        report: null,
        error: null,
        gradable: null,
        score: null,
        points: null,
        isDuplicate: r.data.isDuplicate,
      });
      setSelectedResult(null);
      setTab("result");
    });
  }

  function replaceText(next: string, message: string) {
    editor.current?.setText(next);
    setNotice(message);
    editor.current?.focus();
  }

  function format() {
    try {
      replaceText(JSON.stringify(JSON.parse(text), null, 2) + "\n", "Formatted. Undo with Ctrl+Z.");
    } catch {
      setNotice("Fix the JSON errors first: only valid JSON can be formatted.");
    }
  }

  const tabs: Array<{ id: TTab; label: string }> = [
    { id: "tests", label: isPolicy ? "Visible tests" : "Test cases" },
    ...(isPolicy ? [{ id: "whatif" as const, label: "What-if" }] : []),
    { id: "result", label: "Result" },
    { id: "history", label: `History (${attempts.length})` },
  ];
  const tabRefs = useRef<Record<string, HTMLButtonElement | null>>({});
  function onTabKey(e: KeyboardEvent<HTMLButtonElement>) {
    const i = tabs.findIndex((t) => t.id === tab);
    const j =
      e.key === "ArrowRight" ? i + 1 : e.key === "ArrowLeft" ? i - 1 : e.key === "Home" ? 0 : e.key === "End" ? tabs.length - 1 : null;
    if (j === null) return;
    e.preventDefault();
    const next = tabs[(j + tabs.length) % tabs.length];
    setTab(next.id);
    tabRefs.current[next.id]?.focus();
  }

  return (
    <section aria-labelledby="workbench-heading" className="card min-w-0 p-4 sm:p-5">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="workbench-heading" className="text-lg font-semibold">
          Your answer <span className="text-sm font-normal text-muted">· {KIND_LABEL[spec.kind]}</span>
        </h2>
        <div className="flex flex-wrap gap-1">
          {isPolicy && (
            <button type="button" className="btn-ghost px-2 py-1" onClick={format}>
              Format
            </button>
          )}
          <button
            type="button"
            className="btn-ghost px-2 py-1"
            onClick={() => replaceText(spec.starter, "Back to the starter. Undo with Ctrl+Z.")}
          >
            Reset to starter
          </button>
        </div>
      </div>

      <div className="mt-3 overflow-hidden rounded-md border border-slate-300">
        {initialText === null ? (
          <EditorPlaceholder />
        ) : (
          <CodeEditor
            ref={editor}
            initialText={initialText}
            language={spec.language}
            policyKind={policyKind}
            label={isPolicy ? "Policy editor" : "Trigger code editor"}
            describedBy="editor-help"
            highlights={editorHighlights}
            completions={completions}
            onChange={setText}
            className="h-80 sm:h-[26rem] [&_.cm-editor]:h-full"
          />
        )}
      </div>

      <div className="mt-2 flex flex-wrap items-center justify-between gap-x-4 gap-y-1 text-xs text-muted">
        <p id="editor-help">
          Tab indents; press <kbd className="font-mono">Esc</kbd> then <kbd className="font-mono">Tab</kbd> to leave the
          editor. Your draft is saved in this browser.
        </p>
        {isPolicy && (
          <p aria-live="polite">
            {errorCount > 0 ? (
              <span className="font-semibold text-deny">
                {errorCount} error{errorCount === 1 ? "" : "s"}
              </span>
            ) : (
              <span className="text-allow">No errors</span>
            )}
            {warningCount > 0 && (
              <span className="text-amber-800">
                {" "}
                · {warningCount} warning{warningCount === 1 ? "" : "s"}
              </span>
            )}
          </p>
        )}
      </div>
      {size && <SizeMeter used={size.used} limit={size.limit} />}
      {notice && (
        <p className="mt-2 text-xs text-muted" role="status">
          {notice}
        </p>
      )}

      <div className="mt-4 flex flex-wrap gap-2">
        {isPolicy && (
          <button type="button" className="btn-secondary" onClick={runTests}>
            Run visible tests
          </button>
        )}
        <button type="button" className="btn-primary" onClick={submit} disabled={isSubmitting}>
          {isSubmitting ? "Submitting…" : "Submit for grading"}
        </button>
      </div>
      {submitError && (
        <div className="mt-3">
          <Alert tone="error">Not submitted: {submitError}</Alert>
        </div>
      )}

      <div className="mt-5">
        <div role="tablist" aria-label="Tests and results" className="flex gap-1 overflow-x-auto border-b border-line">
          {tabs.map((t) => (
            <button
              key={t.id}
              ref={(el) => {
                tabRefs.current[t.id] = el;
              }}
              id={`tab-${t.id}`}
              role="tab"
              type="button"
              aria-selected={tab === t.id}
              aria-controls={`panel-${t.id}`}
              tabIndex={tab === t.id ? 0 : -1}
              onClick={() => setTab(t.id)}
              onKeyDown={onTabKey}
              className={`-mb-px shrink-0 border-b-2 px-2 py-2 sm:px-3 text-sm font-medium whitespace-nowrap ${
                tab === t.id ? "border-brand-600 text-brand-700" : "border-transparent text-muted hover:text-ink"
              }`}
            >
              {t.label}
            </button>
          ))}
        </div>

        <div id="panel-tests" role="tabpanel" aria-labelledby="tab-tests" hidden={tab !== "tests"} className="pt-4">
          {isPolicy ? (
            <VisiblePanel
              spec={spec}
              visible={visible}
              isStale={isVisibleStale}
              selected={selectedVisible}
              onSelect={setSelectedVisible}
            />
          ) : (
            <TriggerCases spec={spec} />
          )}
        </div>
        {isPolicy && (
          <div id="panel-whatif" role="tabpanel" aria-labelledby="tab-whatif" hidden={tab !== "whatif"} className="pt-4">
            <WhatIf spec={spec} text={settled} onHighlights={setWhatIfHighlights} />
          </div>
        )}
        <div id="panel-result" role="tabpanel" aria-labelledby="tab-result" hidden={tab !== "result"} className="pt-4">
          <ResultPanel
            spec={spec}
            submission={submission}
            selected={selectedResult}
            onSelect={setSelectedResult}
            highlights={resultHighlights}
          />
        </div>
        <div id="panel-history" role="tabpanel" aria-labelledby="tab-history" hidden={tab !== "history"} className="pt-4">
          <History
            attempts={attempts}
            onLoad={(a) => replaceText(a.answer, `Attempt ${a.number} loaded into the editor. Undo with Ctrl+Z.`)}
            onView={(a) => {
              setSubmission({
                id: a.id,
                number: a.number,
                status: a.status,
                answer: a.answer,
                report: null,
                error: null,
                gradable: a.gradable,
                score: a.score,
                points: a.points,
              });
              setSelectedResult(null);
              setTab("result");
            }}
          />
        </div>
      </div>
    </section>
  );
}

function SizeMeter({ used, limit }: { used: number; limit: (typeof POLICY_SIZE_LIMITS)[keyof typeof POLICY_SIZE_LIMITS] }) {
  const ratio = Math.min(used / limit.max, 1);
  const tone = used > limit.max ? "bg-red-600" : ratio > 0.8 ? "bg-amber-500" : "bg-brand-600";
  return (
    <div className="mt-2">
      <div className="flex flex-wrap justify-between gap-x-2 text-xs text-muted">
        <span id="size-label">Size against the AWS limit ({limit.label})</span>
        <span className={used > limit.max ? "font-semibold text-deny" : ""}>
          {used.toLocaleString("en")} / {limit.max.toLocaleString("en")} {limit.unit}
          {limit.countsWhitespace ? "" : " (white space not counted)"}
        </span>
      </div>
      <div
        role="meter"
        aria-labelledby="size-label"
        aria-valuemin={0}
        aria-valuemax={limit.max}
        aria-valuenow={used}
        aria-valuetext={`${used} of ${limit.max} ${limit.unit}`}
        className="mt-1 h-1.5 overflow-hidden rounded-full bg-slate-200"
      >
        <div className={`h-full ${tone}`} style={{ width: `${Math.max(ratio * 100, used > 0 ? 1 : 0)}%` }} />
      </div>
    </div>
  );
}

function VisiblePanel({
  spec,
  visible,
  isStale,
  selected,
  onSelect,
}: {
  spec: TWorkbenchSpec;
  visible: { report: TGradeReport } | null;
  isStale: boolean;
  selected: string | null;
  onSelect: (id: string) => void;
}) {
  const visibleCases = spec.cases.filter((c): c is TPolicyCase => "request" in c);
  if (!visible) {
    return (
      <div className="space-y-3 text-sm">
        <p className="text-muted">
          {visibleCases.length} visible test{visibleCases.length === 1 ? "" : "s"} run right here in your browser, against
          your draft: no submission, no attempt used.
          {spec.hiddenCases.count > 0 &&
            ` The grader also runs ${spec.hiddenCases.count} hidden test${spec.hiddenCases.count === 1 ? "" : "s"}.`}
        </p>
        <ul className="list-disc space-y-1 pl-5">
          {visibleCases.map((c) => (
            <li key={c.id}>{c.title}</li>
          ))}
        </ul>
      </div>
    );
  }
  const r = visible.report;
  const passed = r.cases.filter((c) => c.passed).length;
  return (
    <div className="space-y-4" aria-live="polite">
      {isStale && (
        <Alert tone="warning">Your draft changed since this run: run the visible tests again to update.</Alert>
      )}
      {!r.gradable ? (
        <>
          <Alert tone="error">The policy has errors, so no test could run. Fix the underlined parts first.</Alert>
          <DiagnosticList diagnostics={r.diagnostics.filter((d) => d.severity === "error")} title="Errors" />
        </>
      ) : (
        <>
          <p className="text-sm font-semibold" data-testid="visible-summary">
            {passed} of {r.cases.length} visible tests pass
            {spec.hiddenCases.count > 0 && (
              <span className="font-normal text-muted"> · {spec.hiddenCases.count} hidden tests run when you submit</span>
            )}
          </p>
          <CaseResults cases={r.cases} selectedId={selected} onSelect={onSelect} label="Visible test results" />
          <ConstraintList constraints={r.constraints} />
        </>
      )}
    </div>
  );
}

function TriggerCases({ spec }: { spec: TWorkbenchSpec }) {
  const cases = spec.cases.filter((c): c is TTriggerCase => "event" in c);
  return (
    <div className="space-y-3 text-sm">
      <p className="text-muted">
        Trigger code runs only in the grader&apos;s sandbox: submit to run these {cases.length} visible tests
        {spec.hiddenCases.count > 0 ? ` and ${spec.hiddenCases.count} hidden ones` : ""}. The editor checks the syntax as
        you type.
      </p>
      <ul className="space-y-2">
        {cases.map((c) => (
          <li key={c.id} className="rounded-md border border-line p-3">
            <p className="font-medium break-words">{c.title}</p>
            <details className="mt-1">
              <summary className="cursor-pointer text-xs text-brand-700">Event and expectation</summary>
              <pre className="mt-2 max-h-64 overflow-auto rounded bg-slate-50 p-2 font-mono text-xs">
                {JSON.stringify({ event: c.event, expect: c.expect }, null, 2)}
              </pre>
            </details>
          </li>
        ))}
      </ul>
    </div>
  );
}

const STEPS = [
  { id: "QUEUED", label: "Queued" },
  { id: "RUNNING", label: "Running" },
  { id: "GRADED", label: "Graded" },
];

function ResultPanel({
  spec,
  submission,
  selected,
  onSelect,
  highlights,
}: {
  spec: TWorkbenchSpec;
  submission: TSubmissionState | null;
  selected: string | null;
  onSelect: (id: string) => void;
  highlights: THighlight[];
}) {
  if (!submission) {
    return (
      <div className="rounded-md border border-dashed border-line p-6 text-center text-sm text-muted">
        <p className="font-semibold text-ink">Nothing submitted yet</p>
        <p className="mt-1">
          Submit to grade your answer against every test, hidden ones included. Results appear here as soon as they are
          ready.
        </p>
      </div>
    );
  }
  const s = submission;
  const stepIndex = s.status === "ERROR" ? -1 : STEPS.findIndex((x) => x.id === s.status);
  const r = s.report;
  return (
    <div className="space-y-4">
      <div aria-live="polite" role="status" className="text-sm">
        {s.number && <p className="mb-1 text-xs text-muted">Attempt {s.number}</p>}
        {s.status === "ERROR" ? (
          <Alert tone="error">
            Grading failed on our side, not yours: {s.error ?? "the grader could not finish"}. This attempt does not count;
            submit again.
          </Alert>
        ) : (
          <ol className="flex flex-wrap items-center gap-2" aria-label="Grading progress">
            {STEPS.map((step, i) => (
              <li key={step.id} className="flex items-center gap-2">
                <span
                  aria-current={i === stepIndex ? "step" : undefined}
                  className={`rounded-full px-2.5 py-0.5 text-xs font-semibold ${
                    i < stepIndex || (i === stepIndex && step.id === "GRADED")
                      ? "bg-emerald-50 text-allow"
                      : i === stepIndex
                        ? "bg-brand-50 text-brand-700"
                        : "bg-slate-100 text-muted"
                  }`}
                >
                  {step.label}
                  {i === stepIndex && step.id !== "GRADED" ? "…" : ""}
                </span>
                {i < STEPS.length - 1 && <span aria-hidden="true" className="text-muted">→</span>}
              </li>
            ))}
          </ol>
        )}
        {s.isDuplicate && <p className="mt-1 text-xs text-muted">Same answer as your last submission: showing that one.</p>}
      </div>

      {s.status === "GRADED" && r && (
        <div className="space-y-4">
          {!r.gradable ? (
            <>
              <Alert tone="warning">
                This answer could not be graded (it does not parse), so it scored 0 and used no attempt.
              </Alert>
              <DiagnosticList diagnostics={r.diagnostics} title="What is wrong" />
            </>
          ) : (
            <>
              <div
                className={`flex flex-wrap items-baseline gap-x-4 gap-y-1 rounded-md border px-4 py-3 ${
                  r.score === 1 ? "border-emerald-200 bg-emerald-50" : "border-line bg-slate-50"
                }`}
              >
                <p className="text-2xl font-bold" data-testid="result-score">
                  {percent(r.score)}
                </p>
                <p className="text-sm">
                  {r.points} of {r.maxPoints} points
                  {r.score === 1 ? " · solved!" : ""}
                </p>
                <p className="text-sm text-muted">
                  {r.cases.filter((c) => c.passed).length} of {r.cases.length} tests pass
                </p>
              </div>
              <CaseResults cases={r.cases} selectedId={selected} onSelect={onSelect} label="Graded test results" />
              <ConstraintList constraints={r.constraints} />
              <DiagnosticList diagnostics={r.diagnostics} title="Warnings" />
            </>
          )}
          <div>
            <h4 className="text-sm font-semibold">The answer you submitted</h4>
            <p className="text-xs text-muted">
              {spec.language === "json"
                ? "Choose a visible test above: green marks the statement that allowed, red the one that denied, amber the condition that did not match."
                : "Read-only."}
            </p>
            <div className="mt-2 overflow-hidden rounded-md border border-line">
              <CodeEditor
                initialText={s.answer}
                language={spec.language}
                readOnly
                label="Submitted answer (read-only)"
                highlights={highlights}
                className="max-h-96 overflow-auto"
              />
            </div>
          </div>
        </div>
      )}
    </div>
  );
}
