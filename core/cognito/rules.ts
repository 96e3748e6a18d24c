import { type TriggerEvent } from "./events";
import { finding, type TriggerFinding } from "./findings";
import { checkTokenGenerationResponse } from "./tokens";
import { triggerNameOf } from "./trigger-sources";

function obj(v: unknown): Record<string, unknown> | null {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}
function describe(v: unknown): string {
  if (v === undefined) return "`undefined`";
  if (v === null) return "`null`";
  if (Array.isArray(v)) return "an array";
  return `a ${typeof v}`;
}

const PRESIGNUP_FLAGS = ["autoConfirmUser", "autoVerifyEmail", "autoVerifyPhone"] as const;

function checkPreSignUp(req: TriggerEvent, res: Record<string, unknown>, out: TriggerFinding[]): void {
  const attrs = obj(req.request.userAttributes) ?? {};
  for (const flag of PRESIGNUP_FLAGS) {
    const v = res[flag];
    if (v !== undefined && v !== null && typeof v !== "boolean") {
      out.push(
        finding(
          "presignup.flag-not-boolean",
          "error",
          `\`${flag}\` must be a boolean (got ${describe(v)}${typeof v === "string" ? ` \`${v}\`` : ""})`,
          `/response/${flag}`,
        ),
      );
    }
  }
  if (req.triggerSource === "PreSignUp_AdminCreateUser") {
    const set = PRESIGNUP_FLAGS.filter((f) => res[f] === true);
    if (set.length > 0) {
      out.push(
        finding(
          "presignup.flags-ignored-admin-create",
          "warning",
          `Cognito ignores ${set.map((f) => `\`${f}\``).join(", ")} for \`PreSignUp_AdminCreateUser\``,
          `/response/${set[0]}`,
        ),
      );
    }
    return;
  }
  const needs: Array<[string, string]> = [
    ["autoVerifyEmail", "email"],
    ["autoVerifyPhone", "phone_number"],
  ];
  for (const [flag, attr] of needs) {
    const value = attrs[attr];
    if (res[flag] === true && (typeof value !== "string" || value.trim() === "")) {
      out.push(
        finding(
          "presignup.autoverify-without-attribute",
          "error",
          `\`${flag}\` is true but the user has no \`${attr}\` attribute: Cognito fails the sign-up`,
          `/response/${flag}`,
        ),
      );
    }
  }
}

const CHALLENGE_NAMES = [
  "CUSTOM_CHALLENGE",
  "SRP_A",
  "PASSWORD_VERIFIER",
  "SMS_MFA",
  "DEVICE_SRP_AUTH",
  "DEVICE_PASSWORD_VERIFIER",
  "ADMIN_NO_SRP_AUTH",
];

function checkDefine(req: TriggerEvent, res: Record<string, unknown>, out: TriggerFinding[]): void {
  for (const f of ["issueTokens", "failAuthentication"]) {
    const v = res[f];
    if (v !== undefined && v !== null && typeof v !== "boolean") {
      out.push(
        finding(
          "define.flag-not-boolean",
          "error",
          `\`${f}\` must be a boolean (got ${describe(v)})`,
          `/response/${f}`,
        ),
      );
    }
  }
  const issue = res.issueTokens === true;
  const fail = res.failAuthentication === true;
  const name = res.challengeName;
  if (issue && fail) {
    out.push(
      finding(
        "define.tokens-and-fail",
        "error",
        "`issueTokens` and `failAuthentication` are both true: decide one",
        "/response/issueTokens",
      ),
    );
  }
  if (!issue && !fail) {
    if (name === undefined || name === null || name === "") {
      out.push(
        finding(
          "define.no-decision",
          "error",
          "set `challengeName` for the next challenge, or `issueTokens` or `failAuthentication`",
          "/response",
        ),
      );
    } else if (typeof name !== "string" || !CHALLENGE_NAMES.includes(name)) {
      out.push(
        finding(
          "define.unknown-challenge",
          "error",
          `\`challengeName\` ${typeof name === "string" ? `\`${name}\`` : describe(name)} is not a challenge Cognito knows (use \`CUSTOM_CHALLENGE\`)`,
          "/response/challengeName",
        ),
      );
    }
  }
  if (issue && !fail) {
    const session = Array.isArray(req.request.session) ? (req.request.session as unknown[]) : [];
    const last = obj(session[session.length - 1]);
    const passed = last !== null && last.challengeResult === true && last.challengeName === "CUSTOM_CHALLENGE";
    if (!passed) {
      out.push(
        finding(
          "define.tokens-without-passed-challenge",
          "warning",
          session.length === 0
            ? "tokens issued before any challenge was answered"
            : "tokens issued although the last session entry is not a correctly answered `CUSTOM_CHALLENGE`",
          "/response/issueTokens",
        ),
      );
    }
  }
}

function stringMapFindings(v: unknown, field: string, out: TriggerFinding[]): void {
  if (v === undefined || v === null) return;
  const m = obj(v);
  if (!m) {
    out.push(
      finding(
        "create.parameters-not-map",
        "error",
        `\`${field}\` must be an object of strings (got ${describe(v)})`,
        `/response/${field}`,
      ),
    );
    return;
  }
  for (const [k, val] of Object.entries(m)) {
    if (typeof val !== "string") {
      out.push(
        finding(
          "create.parameter-not-string",
          "error",
          `\`${field}.${k}\` must be a string (got ${describe(val)})`,
          `/response/${field}/${k}`,
        ),
      );
    }
  }
}

function checkCreate(_req: TriggerEvent, res: Record<string, unknown>, out: TriggerFinding[]): void {
  stringMapFindings(res.publicChallengeParameters, "publicChallengeParameters", out);
  stringMapFindings(res.privateChallengeParameters, "privateChallengeParameters", out);
  const pub = obj(res.publicChallengeParameters) ?? {};
  const priv = obj(res.privateChallengeParameters) ?? {};
  if (Object.keys(priv).length === 0) {
    out.push(
      finding(
        "create.no-private-parameters",
        "warning",
        "`privateChallengeParameters` is empty: verify has no expected answer to compare with",
        "/response/privateChallengeParameters",
      ),
    );
  }
  const secrets = Object.values(priv).filter((v): v is string => typeof v === "string" && v.length > 0);
  for (const [k, v] of Object.entries(pub)) {
    const leaks = typeof v === "string" && secrets.some((s) => v === s || (s.length >= 3 && v.includes(s)));
    if (leaks || /^(answer|expectedanswer|solution|secret|code)$/i.test(k)) {
      out.push(
        finding(
          "create.answer-in-public-parameters",
          "error",
          `\`publicChallengeParameters.${k}\` reveals the answer: public parameters are sent to the client; keep the answer only in \`privateChallengeParameters\``,
          `/response/publicChallengeParameters/${k}`,
        ),
      );
    }
  }
  if (
    res.challengeMetadata !== undefined &&
    res.challengeMetadata !== null &&
    typeof res.challengeMetadata !== "string"
  ) {
    out.push(
      finding(
        "create.metadata-not-string",
        "error",
        `\`challengeMetadata\` must be a string (got ${describe(res.challengeMetadata)})`,
        "/response/challengeMetadata",
      ),
    );
  }
}

function checkVerify(_req: TriggerEvent, res: Record<string, unknown>, out: TriggerFinding[]): void {
  if (typeof res.answerCorrect !== "boolean") {
    out.push(
      finding(
        "verify.answer-not-boolean",
        "error",
        `\`answerCorrect\` must be true or false (got ${describe(res.answerCorrect)}${typeof res.answerCorrect === "string" ? ` \`${res.answerCorrect}\`` : ""})`,
        "/response/answerCorrect",
      ),
    );
  }
}

const EMAIL_MAX = 20_000;
const SMS_MAX = 140;

function checkCustomMessage(req: TriggerEvent, res: Record<string, unknown>, out: TriggerFinding[]): void {
  const code = typeof req.request.codeParameter === "string" ? req.request.codeParameter : "{####}";
  const user = typeof req.request.usernameParameter === "string" ? req.request.usernameParameter : null;
  const admin = req.triggerSource === "CustomMessage_AdminCreateUser";
  for (const f of ["smsMessage", "emailMessage", "emailSubject"]) {
    const v = res[f];
    if (v !== undefined && v !== null && typeof v !== "string") {
      out.push(
        finding(
          "custommessage.not-string",
          "error",
          `\`${f}\` must be a string or null (got ${describe(v)})`,
          `/response/${f}`,
        ),
      );
    }
  }
  for (const f of ["smsMessage", "emailMessage"]) {
    const v = res[f];
    if (typeof v !== "string") continue;
    if (!v.includes(code)) {
      out.push(
        finding(
          "custommessage.missing-code-placeholder",
          "error",
          `\`${f}\` does not contain the code placeholder \`${code}\` (use \`event.request.codeParameter\`)`,
          `/response/${f}`,
        ),
      );
    }
    if (admin && user !== null && !v.includes(user)) {
      out.push(
        finding(
          "custommessage.missing-username-placeholder",
          "error",
          `\`${f}\` does not contain the username placeholder \`${user}\`: admin-created users need both their username and temporary password (use \`event.request.usernameParameter\`)`,
          `/response/${f}`,
        ),
      );
    }
  }
  if (typeof res.emailMessage === "string" && res.emailMessage.length > EMAIL_MAX) {
    out.push(
      finding(
        "custommessage.email-too-long",
        "error",
        `\`emailMessage\` is ${res.emailMessage.length} characters; the maximum is ${EMAIL_MAX}`,
        "/response/emailMessage",
      ),
    );
  }
  if (typeof res.smsMessage === "string" && res.smsMessage.length > SMS_MAX) {
    out.push(
      finding(
        "custommessage.sms-too-long",
        "error",
        `\`smsMessage\` is ${res.smsMessage.length} characters; the maximum is ${SMS_MAX}`,
        "/response/smsMessage",
      ),
    );
  }
}

function checkUserMigration(req: TriggerEvent, res: Record<string, unknown>, out: TriggerFinding[]): void {
  const attrs = obj(res.userAttributes);
  if (!attrs || Object.keys(attrs).length === 0) {
    out.push(
      finding(
        "migration.no-attributes",
        "error",
        "`response.userAttributes` is required: Cognito cannot create the user without it",
        "/response/userAttributes",
      ),
    );
  } else {
    for (const [k, v] of Object.entries(attrs)) {
      if (typeof v !== "string") {
        out.push(
          finding(
            "migration.attribute-not-string",
            "error",
            `attribute \`${k}\` must be a string (got ${describe(v)}${typeof v === "boolean" ? `; write \`"${v}"\`` : ""})`,
            `/response/userAttributes/${k}`,
          ),
        );
      }
    }
    if (
      req.triggerSource === "UserMigration_ForgotPassword" &&
      attrs.email_verified !== "true" &&
      attrs.phone_number_verified !== "true"
    ) {
      out.push(
        finding(
          "migration.forgot-password-unverified",
          "error",
          'in the forgot-password flow the migrated user needs a verified `email` or `phone_number` (`email_verified: "true"`) to receive the code',
          "/response/userAttributes",
        ),
      );
    }
    if (typeof attrs.username === "string" || typeof attrs.sub === "string") {
      const k = typeof attrs.sub === "string" ? "sub" : "username";
      out.push(
        finding(
          "migration.reserved-attribute",
          "warning",
          `attribute \`${k}\` is set by Cognito and cannot be migrated`,
          `/response/userAttributes/${k}`,
        ),
      );
    }
  }
  const status = res.finalUserStatus;
  if (status !== undefined && status !== null && status !== "CONFIRMED" && status !== "RESET_REQUIRED") {
    out.push(
      finding(
        "migration.bad-final-status",
        "error",
        `\`finalUserStatus\` must be \`CONFIRMED\` or \`RESET_REQUIRED\` (got ${typeof status === "string" ? `\`${status}\`` : describe(status)})`,
        "/response/finalUserStatus",
      ),
    );
  }
  const action = res.messageAction;
  if (action !== undefined && action !== null && action !== "SUPPRESS" && action !== "RESEND") {
    out.push(
      finding(
        "migration.bad-message-action",
        "error",
        `\`messageAction\` must be \`SUPPRESS\` or \`RESEND\` (got ${describe(action)})`,
        "/response/messageAction",
      ),
    );
  }
  const media = res.desiredDeliveryMediums;
  if (
    media !== undefined &&
    media !== null &&
    (!Array.isArray(media) || media.some((m) => m !== "EMAIL" && m !== "SMS"))
  ) {
    out.push(
      finding(
        "migration.bad-delivery-medium",
        "error",
        "`desiredDeliveryMediums` must be an array of `EMAIL` / `SMS`",
        "/response/desiredDeliveryMediums",
      ),
    );
  }
  for (const f of ["forceAliasCreation", "enableSMSMFA"]) {
    const v = res[f];
    if (v !== undefined && v !== null && typeof v !== "boolean") {
      out.push(
        finding(
          "migration.flag-not-boolean",
          "error",
          `\`${f}\` must be a boolean (got ${describe(v)})`,
          `/response/${f}`,
        ),
      );
    }
  }
}

function checkEmptyResponse(_req: TriggerEvent, res: Record<string, unknown>, out: TriggerFinding[]): void {
  const keys = Object.keys(res);
  if (keys.length > 0) {
    out.push(
      finding(
        "response.ignored-fields",
        "warning",
        `this trigger reads nothing from \`response\`: ${keys.map((k) => `\`${k}\``).join(", ")} ${keys.length === 1 ? "is" : "are"} ignored`,
        `/response/${keys[0]}`,
      ),
    );
  }
}

/**
 * Checks what a handler returned against Cognito's rules for the request's trigger source.
 * `requestEvent` is the event the handler received (built with `buildEvent`); `returned` is
 * whatever came back (untrusted, already parsed from JSON; `undefined`/`null` when nothing was
 * returned). Returns findings; an empty array means Cognito would accept the output as is.
 */
export function checkTriggerResponse(requestEvent: TriggerEvent, returned: unknown): TriggerFinding[] {
  const out: TriggerFinding[] = [];
  const ret = obj(returned);
  if (!ret) {
    out.push(
      finding(
        "output.not-an-event",
        "error",
        `the handler returned ${describe(returned)}: return the event (\`return event\` or \`callback(null, event)\`); Cognito rejects this output as invalid`,
      ),
    );
    return out;
  }
  const res = ret.response;
  if (!obj(res)) {
    out.push(
      finding(
        "output.response-not-object",
        "error",
        `\`response\` must be an object (got ${describe(res)}): Cognito reports "Unrecognizable lambda output"`,
        "/response",
      ),
    );
    return out;
  }
  if (ret.triggerSource !== undefined && ret.triggerSource !== requestEvent.triggerSource) {
    out.push(
      finding(
        "output.header-changed",
        "warning",
        "the returned event has a different `triggerSource`: return the event you received",
        "/triggerSource",
      ),
    );
  }
  const response = res as Record<string, unknown>;
  switch (triggerNameOf(requestEvent.triggerSource)) {
    case "PreSignUp":
      checkPreSignUp(requestEvent, response, out);
      break;
    case "DefineAuthChallenge":
      checkDefine(requestEvent, response, out);
      break;
    case "CreateAuthChallenge":
      checkCreate(requestEvent, response, out);
      break;
    case "VerifyAuthChallengeResponse":
      checkVerify(requestEvent, response, out);
      break;
    case "PreTokenGeneration":
      out.push(...checkTokenGenerationResponse(requestEvent, response));
      break;
    case "CustomMessage":
      checkCustomMessage(requestEvent, response, out);
      break;
    case "UserMigration":
      checkUserMigration(requestEvent, response, out);
      break;
    case "PostConfirmation":
    case "PreAuthentication":
    case "PostAuthentication":
      checkEmptyResponse(requestEvent, response, out);
      break;
  }
  return out;
}

/**
 * Error findings about security, not about what Cognito accepts: Cognito goes on, but the grader
 * fails the case unless the expectation lists the code in `findings.include`.
 */
export const SECURITY_FINDING_CODES: readonly string[] = [
  "create.answer-in-public-parameters",
  "customauth.answer-visible-to-client",
  "customauth.tokens-without-correct-answer",
];

/** True when Cognito would accept the output (no `error` finding other than security findings). */
export function isAccepted(findings: readonly TriggerFinding[]): boolean {
  return !findings.some((f) => f.severity === "error" && !SECURITY_FINDING_CODES.includes(f.code));
}
