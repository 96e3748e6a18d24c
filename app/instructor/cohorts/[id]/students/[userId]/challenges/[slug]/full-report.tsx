import type { TCaseResult, TGradeReport } from "@/core/index";
import { Badge } from "@/app/_components/ui";

function decisionOf(actual: TCaseResult["actual"]): string | null {
  if (actual && "decision" in actual) return String(actual.decision);
  if (actual && "cognito" in actual) return actual.cognito.accepted ? "accepted" : `rejected${actual.cognito.errorMessage ? `: ${actual.cognito.errorMessage}` : ""}`;
  return null;
}

const expectedText = (e: TCaseResult["expected"]) => (e === null ? null : typeof e === "string" ? e : JSON.stringify(e));

/** The whole grading report as the instructor sees it: every case, hidden ones too, with expected and actual. */
export function FullReport({ report }: { report: TGradeReport }) {
  const passed = report.cases.filter((c) => c.passed).length;
  return (
    <div className="mt-2 space-y-3 text-sm">
      <p>
        {report.gradable ? (
          <>
            {passed} of {report.cases.length} tests pass · {report.points}/{report.maxPoints} pt
          </>
        ) : (
          "The answer could not be graded (it did not parse or compile)."
        )}
      </p>
      {report.diagnostics.length > 0 && (
        <ul className="list-disc space-y-1 pl-5" aria-label="Diagnostics">
          {report.diagnostics.map((d, i) => (
            <li key={i} className={`break-words ${d.severity === "error" ? "text-red-700" : "text-amber-800"}`}>
              {d.message}
              {"line" in d && d.line ? ` (line ${d.line})` : ""}
            </li>
          ))}
        </ul>
      )}
      {report.constraints.some((c) => !c.passed) && (
        <ul className="space-y-1" aria-label="Constraints not met">
          {report.constraints
            .filter((c) => !c.passed)
            .map((c) => (
              <li key={c.id} className="break-words text-red-700">
                ✕ {c.name}: {c.message}
              </li>
            ))}
        </ul>
      )}
      {report.cases.length > 0 && (
        <div className="relative overflow-x-auto rounded-md border border-line">
          <table className="w-full text-xs">
            <caption className="sr-only">Test results, hidden tests included</caption>
            <thead className="border-b border-line bg-slate-50 text-left text-muted">
              <tr>
                <th scope="col" className="px-3 py-2">
                  Result
                </th>
                <th scope="col" className="px-3 py-2">
                  Test
                </th>
                <th scope="col" className="px-3 py-2">
                  Expected
                </th>
                <th scope="col" className="px-3 py-2">
                  Got
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  Points
                </th>
              </tr>
            </thead>
            <tbody>
              {report.cases.map((c) => (
                <tr key={c.id} className="border-b border-line align-top last:border-0">
                  <td className="px-3 py-2 whitespace-nowrap">
                    <span className={c.passed ? "text-allow" : "font-semibold text-deny"}>
                      <span aria-hidden="true">{c.passed ? "✓ " : "✕ "}</span>
                      {c.passed ? "Passed" : "Failed"}
                    </span>
                  </td>
                  <td className="min-w-48 px-3 py-2">
                    <span className="break-words">{c.name}</span>{" "}
                    {c.visibility === "hidden" && <Badge tone="neutral">hidden</Badge>}
                    {c.misconception && <span className="mt-0.5 block text-muted">tag: {c.misconception}</span>}
                    {!c.passed && c.hint && <span className="mt-0.5 block text-amber-800">hint: {c.hint}</span>}
                    {Array.isArray(c.explain) && c.explain.length > 0 && (
                      <ul className="mt-1 list-disc pl-4 text-muted">
                        {c.explain.map((m, i) => (
                          <li key={i} className="break-words">
                            {m}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td className="px-3 py-2 break-words">{expectedText(c.expected)}</td>
                  <td className="px-3 py-2 break-words">{decisionOf(c.actual)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">
                    {c.earned}/{c.points}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
