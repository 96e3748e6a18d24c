import { buildEvent, type TriggerEvent } from "./events";
import { finding, type TriggerFinding } from "./findings";
import { checkTriggerResponse, isAccepted } from "./rules";
import type { HandlerRunResult, InvokeTrigger, LogLine, SdkCallRecord } from "./run-result";
import { cognitoErrorMessage, type TriggerSource } from "./trigger-sources";

export interface ChallengeResult {
  challengeName: string;
  challengeResult: boolean;
  challengeMetadata: string | null;
}

export interface CustomAuthFlowOptions {
  /** The answers the client sends, in order, e.g. `["wrong", "wrong", "7QX4"]`. */
  answers: string[];
  invoke: InvokeTrigger;
  /** Start with SRP (`session[0]` = SRP_A); Define must then ask for PASSWORD_VERIFIER. */
  withPassword?: boolean;
  /** Result of the PASSWORD_VERIFIER step when `withPassword` (default true). */
  passwordCorrect?: boolean;
  /** Header / request fields shared by all three events (userName, userAttributes, clientMetadata...). */
  base?: { userName?: string; userAttributes?: Record<string, unknown>; clientMetadata?: Record<string, unknown> };
  /** Safety stop for a Define that never decides (default 10 Define calls). */
  maxRounds?: number;
}

export type CustomAuthOutcome = "tokens-issued" | "failed" | "challenge" | "error";

export interface CustomAuthStep {
  triggerSource: TriggerSource;
  request: Record<string, unknown>;
  /** What the handler returned in `response` (absent when it failed). */
  response?: unknown;
  error?: { kind: string; message: string };
  findings: TriggerFinding[];
}

export interface CustomAuthFlowResult {
  outcome: CustomAuthOutcome;
  /** Human summary, e.g. what the client would see. */
  message: string;
  session: ChallengeResult[];
  answersUsed: number;
  /** What the client received for the pending challenge when outcome is `challenge`. */
  publicChallengeParameters?: Record<string, unknown> | null;
  transcript: CustomAuthStep[];
  findings: TriggerFinding[];
  logs: LogLine[];
  sdkCalls: SdkCallRecord[];
}

function obj(v: unknown): Record<string, unknown> | null {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

/**
 * Replays Cognito's custom authentication loop (Define -> Create -> Verify -> Define ...) for the
 * given answers, calling the student's handlers through `invoke`. Ends with tokens issued, failed
 * authentication, a pending challenge when the answers run out, or an error (a handler threw or
 * returned output Cognito rejects).
 */
export async function runCustomAuthFlow(opts: CustomAuthFlowOptions): Promise<CustomAuthFlowResult> {
  const session: ChallengeResult[] = opts.withPassword
    ? [{ challengeName: "SRP_A", challengeResult: true, challengeMetadata: null }]
    : [];
  const transcript: CustomAuthStep[] = [];
  const findings: TriggerFinding[] = [];
  const logs: LogLine[] = [];
  const sdkCalls: SdkCallRecord[] = [];
  let answersUsed = 0;
  const maxRounds = opts.maxRounds ?? 10;
  const baseRequest: Record<string, unknown> = {};
  if (opts.base?.userAttributes) baseRequest.userAttributes = opts.base.userAttributes;

  const end = (
    outcome: CustomAuthOutcome,
    message: string,
    extra: Partial<CustomAuthFlowResult> = {},
  ): CustomAuthFlowResult => ({
    outcome,
    message,
    session,
    answersUsed,
    transcript,
    findings,
    logs,
    sdkCalls,
    ...extra,
  });

  /** Runs one trigger; returns its response object or a finished flow result on failure. */
  const step = async (
    source: TriggerSource,
    request: Record<string, unknown>,
  ): Promise<{ response: Record<string, unknown> } | { done: CustomAuthFlowResult }> => {
    const event: TriggerEvent = buildEvent({
      triggerSource: source,
      userName: opts.base?.userName,
      request: { ...baseRequest, ...request },
    });
    const run: HandlerRunResult = await opts.invoke(source, event);
    logs.push(...run.logs);
    sdkCalls.push(...run.sdkCalls);
    if (!run.ok) {
      transcript.push({ triggerSource: source, request: event.request, error: run.error, findings: [] });
      const msg =
        run.error.kind === "runtime"
          ? cognitoErrorMessage(source, run.error.message)
          : `${source}: ${run.error.message}`;
      return { done: end("error", msg) };
    }
    const f = checkTriggerResponse(event, run.event);
    findings.push(...f);
    const response = obj(obj(run.event)?.response);
    transcript.push({
      triggerSource: source,
      request: event.request,
      response: response ?? obj(run.event)?.response,
      findings: f,
    });
    if (!response || !isAccepted(f)) {
      return {
        done: end(
          "error",
          `${source} returned output Cognito rejects: ${f
            .filter((x) => x.severity === "error")
            .map((x) => x.message)
            .join("; ")}`,
        ),
      };
    }
    return { response };
  };

  for (let round = 0; round < maxRounds; round++) {
    const d = await step("DefineAuthChallenge_Authentication", { session: session.map((s) => ({ ...s })) });
    if ("done" in d) return d.done;
    const r = d.response;
    if (r.issueTokens === true && r.failAuthentication !== true) {
      const last = session[session.length - 1];
      if (!last || last.challengeName !== "CUSTOM_CHALLENGE" || !last.challengeResult) {
        findings.push(
          finding(
            "customauth.tokens-without-correct-answer",
            "error",
            "tokens were issued although the last challenge was not answered correctly",
          ),
        );
      }
      return end("tokens-issued", "authentication succeeded: Cognito issues tokens");
    }
    if (r.failAuthentication === true) {
      return end("failed", "authentication failed: the client receives NotAuthorizedException");
    }
    const name = r.challengeName;
    if (name === "PASSWORD_VERIFIER") {
      session.push({
        challengeName: "PASSWORD_VERIFIER",
        challengeResult: opts.passwordCorrect ?? true,
        challengeMetadata: null,
      });
      continue;
    }
    if (name !== "CUSTOM_CHALLENGE") {
      return end("error", `Define asked for \`${String(name)}\`, which this flow does not simulate`);
    }
    const c = await step("CreateAuthChallenge_Authentication", {
      challengeName: "CUSTOM_CHALLENGE",
      session: session.map((s) => ({ ...s })),
    });
    if ("done" in c) return c.done;
    const pub = obj(c.response.publicChallengeParameters);
    const priv = obj(c.response.privateChallengeParameters) ?? {};
    const metadata = typeof c.response.challengeMetadata === "string" ? c.response.challengeMetadata : null;
    if (answersUsed >= opts.answers.length) {
      return end("challenge", "Cognito sends another CUSTOM_CHALLENGE to the client", {
        publicChallengeParameters: pub,
      });
    }
    const answer = opts.answers[answersUsed++];
    const v = await step("VerifyAuthChallengeResponse_Authentication", {
      privateChallengeParameters: priv,
      challengeAnswer: answer,
      clientMetadata: opts.base?.clientMetadata ?? {},
    });
    if ("done" in v) return v.done;
    const correct = v.response.answerCorrect === true;
    if (correct && pub && Object.values(pub).some((x) => typeof x === "string" && x === answer)) {
      findings.push(
        finding(
          "customauth.answer-visible-to-client",
          "error",
          `the accepted answer \`${answer}\` was sent to the client in \`publicChallengeParameters\``,
        ),
      );
    }
    session.push({ challengeName: "CUSTOM_CHALLENGE", challengeResult: correct, challengeMetadata: metadata });
  }
  return end("error", `the flow did not end after ${maxRounds} Define calls`);
}
