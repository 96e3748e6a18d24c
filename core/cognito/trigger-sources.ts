/** Every Cognito user-pool trigger source this module can build, check and judge. */
export const TRIGGER_SOURCES = [
  "PreSignUp_SignUp",
  "PreSignUp_AdminCreateUser",
  "PreSignUp_ExternalProvider",
  "PostConfirmation_ConfirmSignUp",
  "PostConfirmation_ConfirmForgotPassword",
  "PreAuthentication_Authentication",
  "PostAuthentication_Authentication",
  "DefineAuthChallenge_Authentication",
  "CreateAuthChallenge_Authentication",
  "VerifyAuthChallengeResponse_Authentication",
  "TokenGeneration_HostedAuth",
  "TokenGeneration_Authentication",
  "TokenGeneration_NewPasswordChallenge",
  "TokenGeneration_AuthenticateDevice",
  "TokenGeneration_RefreshTokens",
  "CustomMessage_SignUp",
  "CustomMessage_AdminCreateUser",
  "CustomMessage_ResendCode",
  "CustomMessage_ForgotPassword",
  "CustomMessage_UpdateUserAttribute",
  "CustomMessage_VerifyUserAttribute",
  "CustomMessage_Authentication",
  "UserMigration_Authentication",
  "UserMigration_ForgotPassword",
] as const;

export type TriggerSource = (typeof TRIGGER_SOURCES)[number];

/** The trigger a source belongs to; the name Cognito uses in "<Trigger> failed with error ...". */
export type TriggerName =
  | "PreSignUp"
  | "PostConfirmation"
  | "PreAuthentication"
  | "PostAuthentication"
  | "DefineAuthChallenge"
  | "CreateAuthChallenge"
  | "VerifyAuthChallengeResponse"
  | "PreTokenGeneration"
  | "CustomMessage"
  | "UserMigration";

const PREFIX_TO_TRIGGER: ReadonlyArray<readonly [string, TriggerName]> = [
  ["PreSignUp_", "PreSignUp"],
  ["PostConfirmation_", "PostConfirmation"],
  ["PreAuthentication_", "PreAuthentication"],
  ["PostAuthentication_", "PostAuthentication"],
  ["DefineAuthChallenge_", "DefineAuthChallenge"],
  ["CreateAuthChallenge_", "CreateAuthChallenge"],
  ["VerifyAuthChallengeResponse_", "VerifyAuthChallengeResponse"],
  ["TokenGeneration_", "PreTokenGeneration"],
  ["CustomMessage_", "CustomMessage"],
  ["UserMigration_", "UserMigration"],
];

export function isTriggerSource(value: unknown): value is TriggerSource {
  return typeof value === "string" && (TRIGGER_SOURCES as readonly string[]).includes(value);
}

/** Maps a trigger source to its trigger, e.g. `TokenGeneration_RefreshTokens` -> `PreTokenGeneration`. */
export function triggerNameOf(source: TriggerSource): TriggerName {
  for (const [prefix, name] of PREFIX_TO_TRIGGER) if (source.startsWith(prefix)) return name;
  // INVARIANT: every TRIGGER_SOURCES entry starts with one of the prefixes above.
  throw new Error(`unknown trigger source \`${source}\``);
}

/**
 * The message Cognito shows when a trigger throws (or calls `callback(err)`): the API call fails with
 * `UserLambdaValidationException` and this text, e.g. `PreSignUp failed with error Domain not allowed.`.
 */
export function cognitoErrorMessage(source: TriggerSource, message: string): string {
  return `${triggerNameOf(source)} failed with error ${message}.`;
}
