/**
 * Cognito user-pool Lambda triggers: event builders, Cognito's acceptance rules, the custom-auth
 * state machine and the case judge. Pure TypeScript (no I/O): the handler itself runs elsewhere
 * (worker/sandbox) and is injected as an `invoke` function.
 */

/** Every supported `triggerSource`, the trigger it belongs to, and Cognito's error text for a thrown error. */
export { TRIGGER_SOURCES, isTriggerSource, triggerNameOf, cognitoErrorMessage } from "./trigger-sources";
export type { TriggerSource, TriggerName } from "./trigger-sources";

/** Build a full, realistic event from a partial one (triggerSource + the fields that matter). */
export { buildEvent, isTokenV2Event, DEFAULT_REGION, DEFAULT_USER_POOL_ID, DEFAULT_CLIENT_ID } from "./events";
export type { TriggerEvent, PartialTriggerEvent, StringMap } from "./events";

/** A rule violation or warning about a handler's output. */
export type { TriggerFinding } from "./findings";

/** Check a returned event against Cognito's rules for its trigger. */
export { checkTriggerResponse, isAccepted, SECURITY_FINDING_CODES } from "./rules";

/** Pre token generation: the claims Cognito would issue after applying a response; reserved claim names. */
export { applyTokenGeneration, RESERVED_CLAIMS, RESERVED_ACCESS_CLAIMS } from "./tokens";
export type { EffectiveTokens } from "./tokens";

/** The result shape of running a handler once (shared with the sandbox and the trigger CLI). */
export type { HandlerRunResult, HandlerErrorKind, LogLine, SdkCallRecord, InvokeTrigger } from "./run-result";

/** Replay Define -> Create -> Verify for a list of answers. */
export { runCustomAuthFlow } from "./custom-auth";
export type {
  CustomAuthFlowOptions,
  CustomAuthFlowResult,
  CustomAuthOutcome,
  CustomAuthStep,
  ChallengeResult,
} from "./custom-auth";

/** Test-case expectations for trigger challenges, and the pure judge a grader calls. */
export { runTriggerCase, judgeTriggerCase, matchValue } from "./judge";
export type {
  TriggerCaseSpec,
  TriggerCaseExpectation,
  TriggerCaseRun,
  TriggerCaseVerdict,
  TriggerCheck,
  Matcher,
} from "./judge";
