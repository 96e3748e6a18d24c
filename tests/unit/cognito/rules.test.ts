import { describe, expect, test } from "vitest";
import { applyTokenGeneration, buildEvent, checkTriggerResponse, type PartialTriggerEvent } from "../../../core/index";

/** Runs the rules on a request built from `partial` and a returned event whose response is `response`. */
function codes(partial: PartialTriggerEvent, response: unknown): string[] {
  const req = buildEvent(partial);
  return checkTriggerResponse(req, { ...req, response }).map((f) => f.code);
}

describe("common output rules", () => {
  const req = buildEvent({ triggerSource: "PreSignUp_SignUp" });
  test.each([[undefined], [null], ["ok"], [[1]]])("returned %j is not an event", (ret) => {
    const f = checkTriggerResponse(req, ret);
    expect(f).toHaveLength(1);
    expect(f[0].code).toBe("output.not-an-event");
    expect(f[0].severity).toBe("error");
  });
  test("response serialised as [] is unrecognizable", () => {
    expect(checkTriggerResponse(req, { ...req, response: [] }).map((f) => f.code)).toEqual([
      "output.response-not-object",
    ]);
  });
  test("the event unchanged is accepted", () => {
    expect(checkTriggerResponse(req, req)).toEqual([]);
  });
});

describe("pre sign-up", () => {
  test("autoVerifyEmail without email fails sign-up", () => {
    const f = checkTriggerResponse(
      buildEvent({
        triggerSource: "PreSignUp_SignUp",
        request: { userAttributes: { phone_number: "+4915112345678" } },
      }),
      {
        ...buildEvent({ triggerSource: "PreSignUp_SignUp" }),
        response: { autoConfirmUser: true, autoVerifyEmail: true, autoVerifyPhone: false },
      },
    );
    expect(f).toEqual([
      expect.objectContaining({
        code: "presignup.autoverify-without-attribute",
        severity: "error",
        path: "/response/autoVerifyEmail",
      }),
    ]);
  });
  test("autoVerifyPhone needs phone_number", () => {
    expect(
      codes(
        { triggerSource: "PreSignUp_SignUp" },
        { autoConfirmUser: true, autoVerifyEmail: false, autoVerifyPhone: true },
      ),
    ).toEqual(["presignup.autoverify-without-attribute"]);
  });
  test("autoVerifyEmail with email is fine", () => {
    expect(
      codes(
        { triggerSource: "PreSignUp_SignUp" },
        { autoConfirmUser: true, autoVerifyEmail: true, autoVerifyPhone: false },
      ),
    ).toEqual([]);
  });
  test("flags are ignored for AdminCreateUser", () => {
    expect(
      codes(
        { triggerSource: "PreSignUp_AdminCreateUser" },
        { autoConfirmUser: true, autoVerifyEmail: false, autoVerifyPhone: false },
      ),
    ).toEqual(["presignup.flags-ignored-admin-create"]);
  });
  test("string flags are errors", () => {
    expect(
      codes(
        { triggerSource: "PreSignUp_SignUp" },
        { autoConfirmUser: "true", autoVerifyEmail: false, autoVerifyPhone: false },
      ),
    ).toEqual(["presignup.flag-not-boolean"]);
  });
});

describe("custom auth triggers", () => {
  test("define must decide", () => {
    expect(
      codes(
        { triggerSource: "DefineAuthChallenge_Authentication" },
        { challengeName: null, issueTokens: false, failAuthentication: false },
      ),
    ).toEqual(["define.no-decision"]);
    expect(
      codes(
        { triggerSource: "DefineAuthChallenge_Authentication" },
        { challengeName: "CAPTCHA", issueTokens: false, failAuthentication: false },
      ),
    ).toEqual(["define.unknown-challenge"]);
    expect(
      codes(
        { triggerSource: "DefineAuthChallenge_Authentication" },
        { challengeName: "CUSTOM_CHALLENGE", issueTokens: false, failAuthentication: false },
      ),
    ).toEqual([]);
  });
  test("define issuing tokens on an empty session is flagged", () => {
    expect(
      codes({ triggerSource: "DefineAuthChallenge_Authentication" }, { issueTokens: true, failAuthentication: false }),
    ).toEqual(["define.tokens-without-passed-challenge"]);
    expect(
      codes(
        {
          triggerSource: "DefineAuthChallenge_Authentication",
          request: {
            session: [{ challengeName: "CUSTOM_CHALLENGE", challengeResult: true, challengeMetadata: "CAPTCHA" }],
          },
        },
        { issueTokens: true, failAuthentication: false },
      ),
    ).toEqual([]);
  });
  test("the answer in publicChallengeParameters is an error", () => {
    const c = codes(
      { triggerSource: "CreateAuthChallenge_Authentication" },
      {
        publicChallengeParameters: { question: "7 + 5?", answer: "12" },
        privateChallengeParameters: { answer: "12" },
        challengeMetadata: "CAPTCHA",
      },
    );
    expect(c).toEqual(["create.answer-in-public-parameters"]);
    const hidden = codes(
      { triggerSource: "CreateAuthChallenge_Authentication" },
      {
        publicChallengeParameters: { hint: "captcha-7QX4.png" },
        privateChallengeParameters: { a: "7QX4" },
        challengeMetadata: "CAPTCHA",
      },
    );
    expect(hidden).toEqual(["create.answer-in-public-parameters"]);
    expect(
      codes(
        { triggerSource: "CreateAuthChallenge_Authentication" },
        {
          publicChallengeParameters: { question: "7 + 5?" },
          privateChallengeParameters: { answer: "12" },
          challengeMetadata: "CAPTCHA",
        },
      ),
    ).toEqual([]);
  });
  test("verify must answer a boolean", () => {
    expect(codes({ triggerSource: "VerifyAuthChallengeResponse_Authentication" }, { answerCorrect: "true" })).toEqual([
      "verify.answer-not-boolean",
    ]);
    expect(codes({ triggerSource: "VerifyAuthChallengeResponse_Authentication" }, { answerCorrect: false })).toEqual(
      [],
    );
  });
});

describe("custom message", () => {
  test("message without the code placeholder", () => {
    expect(
      codes(
        { triggerSource: "CustomMessage_SignUp" },
        { emailMessage: "Welcome!", emailSubject: "Hi", smsMessage: null },
      ),
    ).toEqual(["custommessage.missing-code-placeholder"]);
    expect(
      codes(
        { triggerSource: "CustomMessage_SignUp" },
        { emailMessage: "Your code is {####}", emailSubject: "Hi", smsMessage: "Code {####}" },
      ),
    ).toEqual([]);
  });
  test("AdminCreateUser also needs the username placeholder", () => {
    expect(
      codes(
        { triggerSource: "CustomMessage_AdminCreateUser" },
        { emailMessage: "Password {####}", emailSubject: "Hi", smsMessage: null },
      ),
    ).toEqual(["custommessage.missing-username-placeholder"]);
    expect(
      codes(
        { triggerSource: "CustomMessage_AdminCreateUser" },
        { emailMessage: "User {username} password {####}", emailSubject: "Hi", smsMessage: null },
      ),
    ).toEqual([]);
  });
  test("null fields fall back to defaults; SMS length", () => {
    expect(
      codes(
        { triggerSource: "CustomMessage_ForgotPassword" },
        { emailMessage: null, emailSubject: null, smsMessage: null },
      ),
    ).toEqual([]);
    expect(
      codes(
        { triggerSource: "CustomMessage_Authentication" },
        { smsMessage: "{####} ".repeat(30), emailMessage: null, emailSubject: null },
      ),
    ).toEqual(["custommessage.sms-too-long"]);
  });
});

describe("user migration", () => {
  test("attributes are required", () => {
    expect(
      codes({ triggerSource: "UserMigration_Authentication" }, { userAttributes: null, finalUserStatus: "CONFIRMED" }),
    ).toEqual(["migration.no-attributes"]);
  });
  test("boolean attribute values and bad status", () => {
    expect(
      codes(
        { triggerSource: "UserMigration_Authentication" },
        { userAttributes: { email: "a@b.c", email_verified: true }, finalUserStatus: "ACTIVE" },
      ),
    ).toEqual(["migration.attribute-not-string", "migration.bad-final-status"]);
  });
  test("forgot password needs a verified contact", () => {
    expect(
      codes(
        { triggerSource: "UserMigration_ForgotPassword" },
        { userAttributes: { email: "a@b.c" }, messageAction: "SUPPRESS" },
      ),
    ).toEqual(["migration.forgot-password-unverified"]);
    expect(
      codes(
        { triggerSource: "UserMigration_ForgotPassword" },
        { userAttributes: { email: "a@b.c", email_verified: "true" }, messageAction: "SUPPRESS" },
      ),
    ).toEqual([]);
  });
});

describe("pre token generation", () => {
  test("reserved claims, suppression wins, V1 strings", () => {
    const c = codes(
      { triggerSource: "TokenGeneration_Authentication" },
      {
        claimsOverrideDetails: {
          claimsToAddOrOverride: { sub: "x", cohort: "2026A", level: 3 },
          claimsToSuppress: ["cohort"],
        },
      },
    );
    expect(c.sort()).toEqual(
      ["pretoken.reserved-claim", "pretoken.suppress-wins", "pretoken.v1-claim-not-string"].sort(),
    );
  });
  test("wrong version field", () => {
    expect(
      codes(
        { triggerSource: "TokenGeneration_Authentication" },
        { claimsAndScopeOverrideDetails: { idTokenGeneration: {} } },
      ),
    ).toEqual(["pretoken.v2-response-on-v1"]);
    expect(
      codes({ triggerSource: "TokenGeneration_Authentication", version: "2" }, { claimsOverrideDetails: {} }),
    ).toEqual(["pretoken.v1-response-on-v2"]);
  });
  test("empty groupOverrideDetails removes groups", () => {
    expect(
      codes(
        { triggerSource: "TokenGeneration_Authentication" },
        { claimsOverrideDetails: { groupOverrideDetails: {} } },
      ),
    ).toEqual(["pretoken.groups-removed"]);
  });
  test("effective tokens: V1 changes only the ID token", () => {
    const req = buildEvent({ triggerSource: "TokenGeneration_Authentication" });
    const t = applyTokenGeneration(req, {
      claimsOverrideDetails: {
        claimsToAddOrOverride: { cohort: "2026A", sub: "evil", "cognito:groups": "admins" },
        claimsToSuppress: ["email", "cohort", "aud"],
      },
    });
    expect(t.idToken.cohort).toBeUndefined();
    expect(t.idToken.email).toBeUndefined();
    expect(t.idToken.sub).toBe("7f3c1e2a-1111-4a2b-9c3d-0a1b2c3d4e5f");
    expect(t.idToken.aud).toBe("3abc123exampleclient");
    expect(t.idToken.email_verified).toBe(true);
    expect(t.groups).toEqual(["students"]);
    expect(t.accessToken.cohort).toBeUndefined();
  });
  test("effective tokens: V2 access token, scopes and groups", () => {
    const req = buildEvent({ triggerSource: "TokenGeneration_Authentication", version: "2" });
    const t = applyTokenGeneration(req, {
      claimsAndScopeOverrideDetails: {
        idTokenGeneration: { claimsToAddOrOverride: { cohort: "2026A" } },
        accessTokenGeneration: {
          claimsToAddOrOverride: { roles: ["student"], client_id: "x" },
          scopesToAdd: ["grades/read"],
          scopesToSuppress: ["aws.cognito.signin.user.admin"],
        },
        groupOverrideDetails: { groupsToOverride: [] },
      },
    });
    expect(t.idToken.cohort).toBe("2026A");
    expect(t.accessToken.roles).toEqual(["student"]);
    expect(t.accessToken.client_id).toBe("3abc123exampleclient");
    expect(t.scopes).toEqual(["openid", "email", "grades/read"]);
    expect(t.groups).toBeNull();
    expect(t.idToken["cognito:groups"]).toBeUndefined();
  });
});

describe("triggers that read nothing back", () => {
  test("post confirmation with extra response fields is a warning", () => {
    const req = buildEvent({ triggerSource: "PostConfirmation_ConfirmSignUp" });
    const f = checkTriggerResponse(req, { ...req, response: { autoConfirmUser: true } });
    expect(f).toEqual([expect.objectContaining({ code: "response.ignored-fields", severity: "warning" })]);
  });
});
