/**
 * Grading: the one definition of "correct". Pure (no I/O): trigger code runs in a sandbox the
 * caller injects. See README.md for scoring rules.
 */
export type {
  TPolicyChallengeKind,
  TTriggerChallengeKind,
  TChallengeKind,
  TVisibility,
  TWorld,
  TWorldPrincipal,
  TWorldResource,
  TPolicySlot,
  TPolicyRequestSpec,
  TExpectedDecision,
  TPolicyCase,
  TTriggerCase,
  TCase,
  TConstraints,
  TGradableSpec,
  TGradeDiagnostic,
  TConstraintResult,
  TPolicyActual,
  TTriggerActual,
  TCaseResult,
  TGradeReport,
  TTriggerSession,
  TRunTrigger,
} from "./types";

/** Core policy kind of each policy challenge kind; which slot target a kind needs; the kind guard. */
export { POLICY_KIND_OF, slotTarget, isPolicyChallengeKind, buildCaseInput } from "./world";

/** Default constraints and the per-failed-constraint penalty. */
export { DEFAULT_CONSTRAINTS, CONSTRAINT_PENALTY, checkConstraints } from "./constraints";

/**
 * `grade(spec, answer, { runTrigger? })` -> GradeReport; `gradePolicy` (sync); `gradeTrigger`;
 * `runVisibleCases` (browser, policy kinds); `studentReport` (hides hidden cases' details);
 * `exportForTrigger`; `decisionMatches`.
 */
export {
  grade,
  gradePolicy,
  gradeTrigger,
  runVisibleCases,
  studentReport,
  exportForTrigger,
  decisionMatches,
} from "./grade";
