import { describe, expect, test } from "vitest";
import {
  buildEvent,
  judgeTriggerCase,
  runCustomAuthFlow,
  runTriggerCase,
  type HandlerRunResult,
  type InvokeTrigger,
  type TriggerCaseSpec,
} from "../../../core/index";

type Handler = (event: any) => any;

/** An in-process invoke for pure tests: the sandbox is tested separately. */
function invokeWith(handlers: Record<string, Handler>, calls: string[] = []): InvokeTrigger {
  return async (source, event) => {
    calls.push(source);
    const h = handlers[source.split("_")[0]];
    const base = { logs: [], sdkCalls: [], cpuMs: 0, wallMs: 0 };
    try {
      const out = await h(JSON.parse(JSON.stringify(event)));
      return { ok: true, event: out === undefined ? null : out, ...base } satisfies HandlerRunResult;
    } catch (e) {
      return {
        ok: false,
        error: { kind: "runtime", message: (e as Error).message },
        ...base,
      } satisfies HandlerRunResult;
    }
  };
}

const MAX_TRIES = 3;
const good: Record<string, Handler> = {
  DefineAuthChallenge: (e) => {
    const s = e.request.session;
    const last = s[s.length - 1];
    if (last && last.challengeName === "CUSTOM_CHALLENGE" && last.challengeResult === true) {
      e.response.issueTokens = true;
      e.response.failAuthentication = false;
    } else if (s.length >= MAX_TRIES) {
      e.response.issueTokens = false;
      e.response.failAuthentication = true;
    } else {
      e.response.issueTokens = false;
      e.response.failAuthentication = false;
      e.response.challengeName = "CUSTOM_CHALLENGE";
    }
    return e;
  },
  CreateAuthChallenge: (e) => {
    e.response.publicChallengeParameters = {
      captchaUrl: "https://captcha.example/" + e.request.session.length + ".png",
    };
    e.response.privateChallengeParameters = { answer: "right" };
    e.response.challengeMetadata = "CAPTCHA";
    return e;
  },
  VerifyAuthChallengeResponse: (e) => {
    e.response.answerCorrect = e.request.challengeAnswer === e.request.privateChallengeParameters.answer;
    return e;
  },
};

describe("runCustomAuthFlow", () => {
  test("wrong twice, then right -> tokens issued", async () => {
    const calls: string[] = [];
    const r = await runCustomAuthFlow({ answers: ["wrong", "wrong", "right"], invoke: invokeWith(good, calls) });
    expect(r.outcome).toBe("tokens-issued");
    expect(r.answersUsed).toBe(3);
    expect(r.session.map((s) => s.challengeResult)).toEqual([false, false, true]);
    expect(r.session[2]).toEqual({
      challengeName: "CUSTOM_CHALLENGE",
      challengeResult: true,
      challengeMetadata: "CAPTCHA",
    });
    expect(calls.map((c) => c.split("_")[0])).toEqual([
      "DefineAuthChallenge",
      "CreateAuthChallenge",
      "VerifyAuthChallengeResponse",
      "DefineAuthChallenge",
      "CreateAuthChallenge",
      "VerifyAuthChallengeResponse",
      "DefineAuthChallenge",
      "CreateAuthChallenge",
      "VerifyAuthChallengeResponse",
      "DefineAuthChallenge",
    ]);
    expect(r.findings).toEqual([]);
  });

  test("three wrong answers -> authentication failed", async () => {
    const r = await runCustomAuthFlow({ answers: ["a", "b", "c"], invoke: invokeWith(good) });
    expect(r.outcome).toBe("failed");
    expect(r.transcript.filter((s) => s.triggerSource.startsWith("Verify"))).toHaveLength(3);
  });

  test("answers run out -> challenge pending with public parameters", async () => {
    const r = await runCustomAuthFlow({ answers: ["wrong"], invoke: invokeWith(good) });
    expect(r.outcome).toBe("challenge");
    expect(r.publicChallengeParameters).toEqual({ captchaUrl: "https://captcha.example/1.png" });
  });

  test("Verify receives what Create put in privateChallengeParameters", async () => {
    const r = await runCustomAuthFlow({ answers: ["right"], invoke: invokeWith(good) });
    const verify = r.transcript.find((s) => s.triggerSource.startsWith("Verify"))!;
    expect(verify.request.privateChallengeParameters).toEqual({ answer: "right" });
    expect(verify.request.challengeAnswer).toBe("right");
  });

  test("answer placed in publicChallengeParameters is flagged", async () => {
    const leaky = {
      ...good,
      CreateAuthChallenge: (e: any) => ({
        ...good.CreateAuthChallenge(e),
        response: {
          publicChallengeParameters: { answer: "right" },
          privateChallengeParameters: { answer: "right" },
          challengeMetadata: "CAPTCHA",
        },
      }),
    };
    const r = await runCustomAuthFlow({ answers: ["right"], invoke: invokeWith(leaky) });
    expect(r.outcome).toBe("tokens-issued");
    expect(r.findings.map((f) => f.code)).toEqual([
      "create.answer-in-public-parameters",
      "customauth.answer-visible-to-client",
    ]);
  });

  test("a define that trusts session length issues tokens after a wrong answer", async () => {
    const naive = {
      ...good,
      DefineAuthChallenge: (e: any) => {
        if (e.request.session.length === 0) e.response.challengeName = "CUSTOM_CHALLENGE";
        else e.response.issueTokens = true;
        return e;
      },
    };
    const r = await runCustomAuthFlow({ answers: ["wrong"], invoke: invokeWith(naive) });
    expect(r.outcome).toBe("tokens-issued");
    expect(r.findings.map((f) => f.code)).toContain("customauth.tokens-without-correct-answer");
  });

  test("password first: SRP_A then PASSWORD_VERIFIER then the custom challenge", async () => {
    const srp = {
      ...good,
      DefineAuthChallenge: (e: any) => {
        const s = e.request.session;
        const last = s[s.length - 1];
        if (s.length === 1 && last.challengeName === "SRP_A") e.response.challengeName = "PASSWORD_VERIFIER";
        else if (s.length === 2 && last.challengeName === "PASSWORD_VERIFIER" && last.challengeResult)
          e.response.challengeName = "CUSTOM_CHALLENGE";
        else if (s.length === 3 && last.challengeName === "CUSTOM_CHALLENGE" && last.challengeResult)
          e.response.issueTokens = true;
        else e.response.failAuthentication = true;
        return e;
      },
    };
    expect((await runCustomAuthFlow({ answers: ["right"], withPassword: true, invoke: invokeWith(srp) })).outcome).toBe(
      "tokens-issued",
    );
    expect(
      (
        await runCustomAuthFlow({
          answers: ["right"],
          withPassword: true,
          passwordCorrect: false,
          invoke: invokeWith(srp),
        })
      ).outcome,
    ).toBe("failed");
  });

  test("a throwing define ends the flow with Cognito's message", async () => {
    const r = await runCustomAuthFlow({
      answers: [],
      invoke: invokeWith({
        ...good,
        DefineAuthChallenge: () => {
          throw new Error("nope");
        },
      }),
    });
    expect(r.outcome).toBe("error");
    expect(r.message).toBe("DefineAuthChallenge failed with error nope.");
  });
});

describe("judgeTriggerCase", () => {
  const presignup: Record<string, Handler> = {
    PreSignUp: (e) => {
      if (!e.request.userAttributes.email.endsWith("@student.example.edu"))
        throw new Error("Registration from this domain is not allowed");
      e.response.autoConfirmUser = true;
      return e;
    },
  };

  test("accepted with response fields", async () => {
    const spec: TriggerCaseSpec = {
      event: { triggerSource: "PreSignUp_SignUp" },
      expect: { response: { autoConfirmUser: true, autoVerifyEmail: false } },
    };
    const v = judgeTriggerCase(spec, await runTriggerCase(spec, invokeWith(presignup)));
    expect(v.passed).toBe(true);
    expect(v.cognito.accepted).toBe(true);
  });

  test("handler throws -> sign-up fails with a message containing 'domain'", async () => {
    const spec: TriggerCaseSpec = {
      event: { triggerSource: "PreSignUp_SignUp", request: { userAttributes: { email: "eve@evil.example" } } },
      expect: { outcome: "rejected", errorContains: "domain" },
    };
    const v = judgeTriggerCase(spec, await runTriggerCase(spec, invokeWith(presignup)));
    expect(v.passed).toBe(true);
    expect(v.cognito.errorMessage).toBe("PreSignUp failed with error Registration from this domain is not allowed.");
  });

  test("autoConfirmUser=false does not block: expecting a rejection fails with an explanation", async () => {
    const lenient = { PreSignUp: (e: any) => e };
    const spec: TriggerCaseSpec = { event: { triggerSource: "PreSignUp_SignUp" }, expect: { errorContains: "domain" } };
    const v = judgeTriggerCase(spec, await runTriggerCase(spec, invokeWith(lenient)));
    expect(v.passed).toBe(false);
    expect(v.checks[0].message).toMatch(/expected the handler to throw/);
  });

  test("returning nothing is not accepted", async () => {
    const spec: TriggerCaseSpec = {
      event: { triggerSource: "PreSignUp_SignUp" },
      expect: { response: { autoConfirmUser: true } },
    };
    const v = judgeTriggerCase(
      spec,
      await runTriggerCase(
        spec,
        invokeWith({
          PreSignUp: (e: any) => {
            e.response.autoConfirmUser = true;
          },
        }),
      ),
    );
    expect(v.passed).toBe(false);
    expect(v.findings.map((f) => f.code)).toEqual(["output.not-an-event"]);
  });

  test("claims added / suppressed and groups", async () => {
    const h = {
      TokenGeneration: (e: any) => {
        e.response.claimsOverrideDetails = {
          claimsToAddOrOverride: { cohort: e.request.userAttributes["custom:cohort"] },
          claimsToSuppress: ["email"],
        };
        return e;
      },
    };
    const spec: TriggerCaseSpec = {
      event: { triggerSource: "TokenGeneration_Authentication" },
      expect: { tokens: { idToken: { cohort: "2026A", email: { $absent: true } }, groups: ["students"] } },
    };
    const v = judgeTriggerCase(spec, await runTriggerCase(spec, invokeWith(h)));
    expect(v.checks).toEqual(expect.arrayContaining([expect.objectContaining({ name: "tokens", passed: true })]));
    expect(v.passed).toBe(true);
    const wrong: TriggerCaseSpec = { ...spec, expect: { tokens: { idToken: { email: { $exists: true } } } } };
    expect(judgeTriggerCase(wrong, await runTriggerCase(wrong, invokeWith(h))).passed).toBe(false);
  });

  test("sdk call expectations", () => {
    const requestEvent = buildEvent({ triggerSource: "PostConfirmation_ConfirmSignUp" });
    const run = {
      kind: "single" as const,
      requestEvent,
      result: {
        ok: true as const,
        event: requestEvent,
        logs: [{ level: "log" as const, message: "added to students" }],
        cpuMs: 1,
        wallMs: 1,
        sdkCalls: [
          {
            service: "cognito-idp" as const,
            operation: "AdminAddUserToGroup",
            input: { UserPoolId: requestEvent.userPoolId, Username: requestEvent.userName, GroupName: "students" },
          },
        ],
      },
    };
    const ok: TriggerCaseSpec = {
      event: { triggerSource: "PostConfirmation_ConfirmSignUp" },
      expect: {
        sdkCalls: [{ operation: "AdminAddUserToGroup", input: { GroupName: "students" }, count: 1 }],
        sdkCallsAbsent: ["PutItem"],
        logsContain: ["students"],
      },
    };
    expect(judgeTriggerCase(ok, run).passed).toBe(true);
    const bad: TriggerCaseSpec = {
      event: ok.event,
      expect: { sdkCalls: [{ operation: "AdminAddUserToGroup", input: { GroupName: "admins" } }] },
    };
    const v = judgeTriggerCase(bad, run);
    expect(v.passed).toBe(false);
    expect(v.checks[1].message).toMatch(/GroupName.*should be "admins", got "students"/);
  });

  test("custom-auth case", async () => {
    const spec: TriggerCaseSpec = {
      event: { triggerSource: "DefineAuthChallenge_Authentication" },
      answers: ["x", "right"],
      expect: { customAuth: { outcome: "tokens-issued", answersUsed: 2 } },
    };
    const v = judgeTriggerCase(spec, await runTriggerCase(spec, invokeWith(good)));
    expect(v.passed).toBe(true);
  });

  test("syntax error is ungradable", () => {
    const requestEvent = buildEvent({ triggerSource: "PreSignUp_SignUp" });
    const v = judgeTriggerCase(
      { event: { triggerSource: "PreSignUp_SignUp" }, expect: {} },
      {
        kind: "single",
        requestEvent,
        result: {
          ok: false,
          error: { kind: "syntax", message: "SyntaxError: Unexpected token" },
          logs: [],
          sdkCalls: [],
          cpuMs: 0,
          wallMs: 0,
        },
      },
    );
    expect(v.ungradable).toBe(true);
    expect(v.passed).toBe(false);
  });

  test("timeout is neither accepted nor a correct rejection", () => {
    const requestEvent = buildEvent({ triggerSource: "PreSignUp_SignUp" });
    const run = {
      kind: "single" as const,
      requestEvent,
      result: {
        ok: false as const,
        error: { kind: "timeout" as const, message: "the handler did not finish within 5000 ms" },
        logs: [],
        sdkCalls: [],
        cpuMs: 0,
        wallMs: 0,
      },
    };
    expect(
      judgeTriggerCase({ event: { triggerSource: "PreSignUp_SignUp" }, expect: { errorContains: "x" } }, run).passed,
    ).toBe(false);
    expect(judgeTriggerCase({ event: { triggerSource: "PreSignUp_SignUp" }, expect: {} }, run).passed).toBe(false);
  });
});
