import { describe, expect, test } from "vitest";
import { buildEvent, TRIGGER_SOURCES, cognitoErrorMessage, triggerNameOf } from "../../../core/index";

describe("buildEvent", () => {
  test.each(TRIGGER_SOURCES.map((s) => [s]))("%s gets a full header and pre-set response", (source) => {
    const e = buildEvent({ triggerSource: source });
    expect(e.triggerSource).toBe(source);
    expect(e.version).toBe("1");
    expect(e.region).toBe("eu-west-1");
    expect(e.userPoolId).toMatch(/^eu-west-1_/);
    expect(typeof e.userName).toBe("string");
    expect(typeof e.callerContext.awsSdkVersion).toBe("string");
    expect(typeof e.callerContext.clientId).toBe("string");
    expect(typeof e.request).toBe("object");
    expect(typeof e.response).toBe("object");
    const attrs = e.request.userAttributes as Record<string, unknown> | undefined;
    if (attrs) for (const v of Object.values(attrs)) expect(typeof v).toBe("string");
  });

  test("pre sign-up response flags arrive as false", () => {
    expect(buildEvent({ triggerSource: "PreSignUp_SignUp" }).response).toEqual({
      autoConfirmUser: false,
      autoVerifyEmail: false,
      autoVerifyPhone: false,
    });
  });

  test("admin-created users have no app client", () => {
    expect(buildEvent({ triggerSource: "PreSignUp_AdminCreateUser" }).callerContext.clientId).toBe(
      "CLIENT_ID_NOT_APPLICABLE",
    );
    expect(buildEvent({ triggerSource: "CustomMessage_AdminCreateUser" }).request.usernameParameter).toBe("{username}");
    expect(buildEvent({ triggerSource: "CustomMessage_SignUp" }).request.usernameParameter).toBeNull();
  });

  test("overrides: userAttributes replace the defaults and become strings", () => {
    const e = buildEvent({
      triggerSource: "PreSignUp_SignUp",
      request: { userAttributes: { phone_number: "+4915112345678", email_verified: true } },
    });
    expect(e.request.userAttributes).toEqual({ phone_number: "+4915112345678", email_verified: "true" });
    expect(e.request.clientMetadata).toEqual({});
  });

  test("overrides: header and response merge", () => {
    const e = buildEvent({
      triggerSource: "PreSignUp_SignUp",
      userName: "bob",
      callerContext: { clientId: "c1" },
      response: { autoConfirmUser: true },
    });
    expect(e.userName).toBe("bob");
    expect(e.callerContext).toEqual({ awsSdkVersion: "aws-sdk-unknown-unknown", clientId: "c1" });
    expect(e.response).toEqual({ autoConfirmUser: true, autoVerifyEmail: false, autoVerifyPhone: false });
  });

  test("pre token generation V1 and V2 shapes", () => {
    const v1 = buildEvent({ triggerSource: "TokenGeneration_Authentication" });
    expect(v1.response).toEqual({ claimsOverrideDetails: null });
    expect(v1.request.scopes).toBeUndefined();
    const v2 = buildEvent({ triggerSource: "TokenGeneration_RefreshTokens", version: "2" });
    expect(v2.version).toBe("2");
    expect(v2.response).toEqual({ claimsAndScopeOverrideDetails: null });
    expect(v2.request.scopes).toContain("aws.cognito.signin.user.admin");
  });

  test("user migration: forgot-password has no password", () => {
    expect(buildEvent({ triggerSource: "UserMigration_Authentication" }).request.password).toBe("Old-Passw0rd!");
    expect("password" in buildEvent({ triggerSource: "UserMigration_ForgotPassword" }).request).toBe(false);
  });

  test("custom auth defaults", () => {
    expect(buildEvent({ triggerSource: "DefineAuthChallenge_Authentication" }).request.session).toEqual([]);
    expect(buildEvent({ triggerSource: "CreateAuthChallenge_Authentication" }).request.challengeName).toBe(
      "CUSTOM_CHALLENGE",
    );
    expect(buildEvent({ triggerSource: "VerifyAuthChallengeResponse_Authentication" }).response).toEqual({
      answerCorrect: null,
    });
  });

  test("unknown trigger source is rejected", () => {
    expect(() => buildEvent({ triggerSource: "PreSignup_SignUp" })).toThrow(/unknown triggerSource `PreSignup_SignUp`/);
  });

  test("the builder does not share state between events", () => {
    const a = buildEvent({ triggerSource: "PreSignUp_SignUp" });
    (a.request.userAttributes as Record<string, string>).email = "x";
    expect(
      (buildEvent({ triggerSource: "PreSignUp_SignUp" }).request.userAttributes as Record<string, string>).email,
    ).toBe("ada@student.example.edu");
  });
});

describe("cognitoErrorMessage", () => {
  test("uses the trigger name and Cognito's format", () => {
    expect(cognitoErrorMessage("PreSignUp_SignUp", "Domain not allowed")).toBe(
      "PreSignUp failed with error Domain not allowed.",
    );
    expect(cognitoErrorMessage("TokenGeneration_RefreshTokens", "x")).toBe("PreTokenGeneration failed with error x.");
    expect(triggerNameOf("VerifyAuthChallengeResponse_Authentication")).toBe("VerifyAuthChallengeResponse");
  });
});
