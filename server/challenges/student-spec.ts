import type { TChallengeSpec, TStudentChallengeSpec } from "./schema";

/**
 * What a student's browser may receive of a challenge: no hidden cases (only their count and
 * points), no instructor notes, the explanation only once solved, and only the misconception hints
 * of visible cases (the others would describe what the hidden cases test).
 * Kept free of filesystem code so web pages can import it without tracing the loader.
 */
export function toStudentSpec(spec: TChallengeSpec, options: { isSolved: boolean }): TStudentChallengeSpec {
  const { cases, instructorNotes: _notes, explanation, misconceptions, ...rest } = spec;
  const visible = cases.filter((c) => c.visibility !== "hidden");
  const hidden = cases.filter((c) => c.visibility === "hidden");
  const shown = new Set(visible.map((c) => c.misconception).filter(Boolean));
  return {
    ...rest,
    ...(misconceptions ? { misconceptions: Object.fromEntries(Object.entries(misconceptions).filter(([k]) => shown.has(k))) } : {}),
    cases: visible,
    hiddenCases: { count: hidden.length, points: hidden.reduce((s, c) => s + c.points, 0) },
    ...(options.isSolved ? { explanation } : {}),
  } as TStudentChallengeSpec;
}
