import { isTriggerSource, TRIGGER_SOURCES, type TriggerSource } from "./trigger-sources";

export type StringMap = Record<string, string>;

/** A Cognito trigger event as Cognito sends it (header + trigger-specific request/response). */
export interface TriggerEvent {
  version: string;
  triggerSource: TriggerSource;
  region: string;
  userPoolId: string;
  userName: string;
  callerContext: { awsSdkVersion: string; clientId: string };
  request: Record<string, unknown>;
  response: Record<string, unknown>;
}

/**
 * What a test case states: the trigger source plus only the fields that matter.
 * `version: "2"` on a `TokenGeneration_*` source selects the V2 (ID + access token) shape.
 */
export interface PartialTriggerEvent {
  triggerSource: string;
  version?: string;
  region?: string;
  userPoolId?: string;
  userName?: string;
  callerContext?: Partial<TriggerEvent["callerContext"]>;
  request?: Record<string, unknown>;
  response?: Record<string, unknown>;
}

export const DEFAULT_REGION = "eu-west-1";
export const DEFAULT_USER_POOL_ID = "eu-west-1_Ab12Cd34E";
export const DEFAULT_CLIENT_ID = "3abc123exampleclient";
const SUB = "7f3c1e2a-1111-4a2b-9c3d-0a1b2c3d4e5f";

function defaultAttributes(status: string): StringMap {
  return {
    sub: SUB,
    email: "ada@student.example.edu",
    email_verified: "true",
    name: "Ada",
    "cognito:user_status": status,
  };
}

function defaults(
  source: TriggerSource,
  version: string,
): Pick<TriggerEvent, "userName" | "request" | "response"> & { clientId?: string } {
  const family = source.slice(0, source.indexOf("_"));
  switch (family) {
    case "PreSignUp":
      return {
        userName: source === "PreSignUp_ExternalProvider" ? "Google_109876543210987654321" : SUB,
        clientId: source === "PreSignUp_AdminCreateUser" ? "CLIENT_ID_NOT_APPLICABLE" : undefined,
        request: {
          userAttributes: { email: "ada@student.example.edu", name: "Ada" },
          validationData: null,
          clientMetadata: {},
        },
        response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
      };
    case "PostConfirmation":
      return {
        userName: SUB,
        request: { userAttributes: defaultAttributes("CONFIRMED"), clientMetadata: {} },
        response: {},
      };
    case "PreAuthentication":
      return {
        userName: "ada",
        request: { userAttributes: defaultAttributes("CONFIRMED"), validationData: {}, userNotFound: false },
        response: {},
      };
    case "PostAuthentication":
      return {
        userName: "ada",
        request: { userAttributes: defaultAttributes("CONFIRMED"), newDeviceUsed: false, clientMetadata: {} },
        response: {},
      };
    case "DefineAuthChallenge":
      return {
        userName: "ada",
        request: { userAttributes: defaultAttributes("CONFIRMED"), session: [], userNotFound: false },
        response: { challengeName: null, issueTokens: null, failAuthentication: null },
      };
    case "CreateAuthChallenge":
      return {
        userName: "ada",
        request: {
          userAttributes: defaultAttributes("CONFIRMED"),
          challengeName: "CUSTOM_CHALLENGE",
          session: [],
          userNotFound: false,
        },
        response: { publicChallengeParameters: null, privateChallengeParameters: null, challengeMetadata: null },
      };
    case "VerifyAuthChallengeResponse":
      return {
        userName: "ada",
        request: {
          userAttributes: defaultAttributes("CONFIRMED"),
          privateChallengeParameters: {},
          challengeAnswer: "",
          clientMetadata: {},
          userNotFound: false,
        },
        response: { answerCorrect: null },
      };
    case "TokenGeneration": {
      const request: Record<string, unknown> = {
        userAttributes: { ...defaultAttributes("CONFIRMED"), "custom:cohort": "2026A" },
        groupConfiguration: { groupsToOverride: ["students"], iamRolesToOverride: [], preferredRole: null },
        clientMetadata: {},
      };
      if (version !== "1") request.scopes = ["openid", "email", "aws.cognito.signin.user.admin"];
      return {
        userName: "ada",
        request,
        response: version === "1" ? { claimsOverrideDetails: null } : { claimsAndScopeOverrideDetails: null },
      };
    }
    case "CustomMessage":
      return {
        userName: "ada",
        clientId: source === "CustomMessage_AdminCreateUser" ? "CLIENT_ID_NOT_APPLICABLE" : undefined,
        request: {
          userAttributes: {
            ...defaultAttributes(
              source === "CustomMessage_SignUp" || source === "CustomMessage_ResendCode" ? "UNCONFIRMED" : "CONFIRMED",
            ),
            ...(source === "CustomMessage_SignUp" || source === "CustomMessage_ResendCode"
              ? { email_verified: "false" }
              : {}),
          },
          codeParameter: "{####}",
          linkParameter: "{##Click Here##}",
          usernameParameter: source === "CustomMessage_AdminCreateUser" ? "{username}" : null,
          clientMetadata: {},
        },
        response: { smsMessage: null, emailMessage: null, emailSubject: null },
      };
    case "UserMigration":
      return {
        userName: "ada@student.example.edu",
        request:
          source === "UserMigration_Authentication"
            ? { password: "Old-Passw0rd!", validationData: {}, clientMetadata: {} }
            : { validationData: {}, clientMetadata: {} },
        response: {
          userAttributes: null,
          finalUserStatus: null,
          messageAction: null,
          desiredDeliveryMediums: null,
          forceAliasCreation: null,
          enableSMSMFA: null,
        },
      };
  }
  // INVARIANT: every trigger source belongs to one of the families above.
  throw new Error(`no defaults for \`${source}\``);
}

/** Cognito sends every attribute value as a string; a case that writes `true` means `"true"`. */
function stringifyAttributes(value: unknown): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  const out: StringMap = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] =
      typeof v === "string"
        ? v
        : v === null || v === undefined
          ? ""
          : typeof v === "object"
            ? JSON.stringify(v)
            : String(v);
  }
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

/**
 * Fills a partial event with the defaults Cognito would send.
 *
 * Merge rule: header fields and `callerContext` keys replace the defaults; `request` and `response`
 * are merged one level deep, so `request.userAttributes` given by the case REPLACES the default
 * attributes as a whole (a case about a missing `email` just leaves it out). `userAttributes` values
 * are converted to strings, as Cognito sends them. Throws a TypeError on an unknown trigger source.
 */
export function buildEvent(partial: PartialTriggerEvent): TriggerEvent {
  if (!isPlainObject(partial)) throw new TypeError("an event must be a JSON object");
  const source = partial.triggerSource;
  if (!isTriggerSource(source)) {
    throw new TypeError(`unknown triggerSource \`${String(source)}\` (expected one of ${TRIGGER_SOURCES.join(", ")})`);
  }
  const isToken = source.startsWith("TokenGeneration_");
  const version = typeof partial.version === "string" ? partial.version : "1";
  const d = defaults(source, isToken ? version : "1");
  const request: Record<string, unknown> = {
    ...d.request,
    ...(isPlainObject(partial.request) ? clone(partial.request) : {}),
  };
  if ("userAttributes" in request) request.userAttributes = stringifyAttributes(request.userAttributes);
  const response: Record<string, unknown> = {
    ...d.response,
    ...(isPlainObject(partial.response) ? clone(partial.response) : {}),
  };
  return {
    version,
    triggerSource: source,
    region: partial.region ?? DEFAULT_REGION,
    userPoolId: partial.userPoolId ?? DEFAULT_USER_POOL_ID,
    userName: partial.userName ?? d.userName,
    callerContext: {
      awsSdkVersion: partial.callerContext?.awsSdkVersion ?? "aws-sdk-unknown-unknown",
      clientId: partial.callerContext?.clientId ?? d.clientId ?? DEFAULT_CLIENT_ID,
    },
    request,
    response,
  };
}

/** True for a `TokenGeneration_*` event in the V2/V3 shape (ID and access tokens). */
export function isTokenV2Event(event: Pick<TriggerEvent, "version" | "triggerSource">): boolean {
  return event.triggerSource.startsWith("TokenGeneration_") && event.version !== "1";
}
