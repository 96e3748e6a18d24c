import { afterAll, describe, expect, test } from "vitest";
import { buildEvent, judgeTriggerCase, runTriggerCase, type TriggerCaseSpec } from "../../../core/index";
import { SandboxPool } from "../../../worker/grader";
import {
  checkSyntax,
  createInvoker,
  prepareIsolate,
  runTrigger,
  TriggerRunner,
  warmUpPrepared,
} from "../../../worker/sandbox/index";

const post = buildEvent({ triggerSource: "PostConfirmation_ConfirmSignUp" });

describe("handler styles", () => {
  test("callback style and context", async () => {
    const r = await runTrigger({
      code: `exports.handler = (e, ctx, cb) => { e.response = {}; cb(null, { ...e, fn: ctx.functionName }); };`,
      event: post,
    });
    expect(r.ok && (r.event as { fn: string }).fn).toBe("bastion-trigger");
  });
  test("non-async handler that returns without callback gives null (Lambda semantics)", async () => {
    const r = await runTrigger({ code: `exports.handler = function (e) { return e; };`, event: post, timeoutMs: 2000 });
    expect(r.ok).toBe(true);
    expect(r.ok && r.event).toBeNull();
    expect(r.logs[0].message).toMatch(/never called callback/);
  });
  test("module.exports and a missing export", async () => {
    expect((await runTrigger({ code: `module.exports = { handler: async (e) => e };`, event: post })).ok).toBe(true);
    const r = await runTrigger({ code: `exports.main = async (e) => e;`, event: post });
    expect(!r.ok && r.error.message).toMatch(/index.handler is not a function/);
  });
  test("syntax errors are distinguishable", async () => {
    expect(checkSyntax(`exports.handler = async (e) => {`)).toMatchObject({ ok: false });
    expect(checkSyntax(`exports.handler = async (e) => e;`)).toEqual({ ok: true });
    const r = await runTrigger({ code: `exports.handler = (e) => { return e`, event: post });
    expect(!r.ok && r.error.kind).toBe("syntax");
  });
});

describe("fake AWS SDK", () => {
  const code = `
    const { CognitoIdentityProviderClient, AdminAddUserToGroupCommand, AdminGetUserCommand } = require("@aws-sdk/client-cognito-identity-provider");
    const { DynamoDBClient } = require("@aws-sdk/client-dynamodb");
    const { DynamoDBDocumentClient, PutCommand, GetCommand } = require("@aws-sdk/lib-dynamodb");
    const cognito = new CognitoIdentityProviderClient({});
    const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
    exports.handler = async (event) => {
      if (event.triggerSource !== "PostConfirmation_ConfirmSignUp") return event;
      await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: event.userPoolId, Username: event.userName, GroupName: "students" }));
      const u = await cognito.send(new AdminGetUserCommand({ UserPoolId: event.userPoolId, Username: event.userName }));
      try {
        await ddb.send(new PutCommand({ TableName: "Profiles", Item: { id: event.request.userAttributes.sub, email: u.UserAttributes.find(a => a.Name === "email").Value }, ConditionExpression: "attribute_not_exists(id)" }));
      } catch (e) { if (e.name !== "ConditionalCheckFailedException") throw e; console.log("already there"); }
      const got = await ddb.send(new GetCommand({ TableName: "Profiles", Key: { id: event.request.userAttributes.sub } }));
      console.log("stored", got.Item.email);
      return event;
    };`;
  const seed = { dynamodb: { tables: { Profiles: { items: [] } } } };

  test("calls are recorded and state works", async () => {
    const r = await runTrigger({ code, event: post, sdkSeed: seed });
    expect(r.ok).toBe(true);
    expect(r.sdkCalls.map((c) => c.operation)).toEqual(["AdminAddUserToGroup", "AdminGetUser", "PutItem", "GetItem"]);
    expect(r.sdkCalls[2].input).toMatchObject({
      TableName: "Profiles",
      Item: { id: { S: "7f3c1e2a-1111-4a2b-9c3d-0a1b2c3d4e5f" } },
    });
    expect(r.logs.map((l) => l.message)).toContain("stored ada@student.example.edu");
  });
  test("idempotency: a seeded item makes the conditional put fail", async () => {
    const r = await runTrigger({
      code,
      event: post,
      sdkSeed: {
        dynamodb: { tables: { Profiles: { items: [{ id: "7f3c1e2a-1111-4a2b-9c3d-0a1b2c3d4e5f", email: "old@x" }] } } },
      },
    });
    expect(r.ok).toBe(true);
    expect(r.sdkCalls[2].error).toBe("ConditionalCheckFailedException");
    expect(r.logs.map((l) => l.message)).toContain("already there");
  });
  test("unknown group and unknown table are AWS-style errors", async () => {
    const r = await runTrigger({ code: code.replace('"students"', '"teachers"'), event: post, sdkSeed: seed });
    expect(!r.ok && r.error.message).toBe("Group not found.");
    const t = await runTrigger({ code, event: post });
    expect(!r.ok && !t.ok && t.error.message).toMatch(/Table: Profiles not found/);
  });
  test("judge: adminAddUserToGroup called with group 'students'", async () => {
    const runner = new TriggerRunner({ code });
    const spec: TriggerCaseSpec = {
      event: { triggerSource: "PostConfirmation_ConfirmSignUp" },
      expect: { sdkCalls: [{ operation: "AdminAddUserToGroup", input: { GroupName: "students" }, count: 1 }] },
    };
    const v = judgeTriggerCase(spec, await runTriggerCase(spec, createInvoker(runner, { sdkSeed: seed })));
    runner.dispose();
    expect(v.passed).toBe(true);
  });
});

describe("custom auth through the sandbox", () => {
  const code = `
    exports.define = async (e) => {
      const s = e.request.session, last = s[s.length - 1];
      if (last && last.challengeName === "CUSTOM_CHALLENGE" && last.challengeResult) { e.response.issueTokens = true; e.response.failAuthentication = false; }
      else if (s.length >= 3) { e.response.issueTokens = false; e.response.failAuthentication = true; }
      else { e.response.issueTokens = false; e.response.failAuthentication = false; e.response.challengeName = "CUSTOM_CHALLENGE"; }
      return e;
    };
    exports.create = async (e) => { e.response.publicChallengeParameters = { question: "3 + 4?" }; e.response.privateChallengeParameters = { answer: "7" }; e.response.challengeMetadata = "CAPTCHA"; return e; };
    exports.verify = async (e) => { e.response.answerCorrect = e.request.challengeAnswer.trim() === e.request.privateChallengeParameters.answer; return e; };`;
  const exportFor = (s: string): string =>
    s.startsWith("Define") ? "define" : s.startsWith("Create") ? "create" : "verify";
  test.each([
    [["1", "2", "7"], "tokens-issued"],
    [["1", "2", "3"], "failed"],
  ] as const)("answers %j -> %s", async (answers, outcome) => {
    const runner = new TriggerRunner({ code });
    const spec: TriggerCaseSpec = {
      event: { triggerSource: "DefineAuthChallenge_Authentication" },
      answers: [...answers],
      expect: { customAuth: { outcome } },
    };
    const v = judgeTriggerCase(spec, await runTriggerCase(spec, createInvoker(runner, { exportFor })));
    runner.dispose();
    expect(v.checks).toEqual([expect.objectContaining({ passed: true })]);
  });
});

describe("isolates and contexts made ahead of time", () => {
  const probeCode = `exports.handler = async (e) => {
    e.response.seen = typeof globalThis.leak;
    e.response.globals = Object.getOwnPropertyNames(globalThis).sort().join();
    globalThis.leak = 1;
    Object.prototype.polluted = 1;
    return e;
  };`;
  type Probe = { response: { seen: string; globals: string } };

  test("a prepared, warmed-up isolate and its pre-made first context give every case a clean context", async () => {
    const plain = await runTrigger({ code: probeCode, event: post });
    const p = prepareIsolate();
    await warmUpPrepared(p);
    const runner = new TriggerRunner({ code: probeCode, prepared: p });
    const results = [];
    for (let i = 0; i < 3; i++) results.push(await runner.run(post));
    runner.dispose();
    expect(plain.ok).toBe(true);
    for (const r of results) {
      expect(r.ok).toBe(true);
      const ev = (r as { event: Probe }).event;
      expect(ev.response.seen).toBe("undefined");
      // The warm-up and the runtime leave nothing behind that a fresh isolate would not have.
      expect(ev.response.globals).toBe((plain as { event: Probe }).event.response.globals);
    }
  });

  test("the fake SDK's seed is per case with a pre-made first context", async () => {
    const code = `const { CognitoIdentityProviderClient, ListUsersCommand } = require("@aws-sdk/client-cognito-identity-provider");
      exports.handler = async (e) => {
        const r = await new CognitoIdentityProviderClient({}).send(new ListUsersCommand({ UserPoolId: e.userPoolId }));
        e.response.users = r.Users.map((u) => u.Username);
        return e;
      };`;
    const runner = new TriggerRunner({ code, prepared: prepareIsolate() });
    const seed = (name: string) => ({ cognito: { users: [{ username: name }] } });
    const a = await runner.run(post, { sdkSeed: seed("ada") });
    const b = await runner.run(post, { sdkSeed: seed("grace") });
    runner.dispose();
    expect([a, b].map((r) => r.ok && (r.event as { response: { users: string[] } }).response.users)).toEqual([
      ["ada"],
      ["grace"],
    ]);
  });

  test("a prepared isolate with another memory limit is not used", async () => {
    const p = prepareIsolate({ memoryMb: 32 });
    const runner = new TriggerRunner({ code: `exports.handler = async (e) => e;`, prepared: p });
    expect((await runner.run(post)).ok).toBe(true);
    expect(p.isolate.isDisposed).toBe(true);
    runner.dispose();
  });
});

describe("the grader's path (SandboxPool)", () => {
  const pool = new SandboxPool(1);
  afterAll(() => pool.close());
  const exportFor = (): string => "handler";

  test("the child reports a compile error with its position", async () => {
    const session = await pool.runTrigger()(`exports.handler = async (e) => {\n  return e +;\n};`, { exportFor });
    session.dispose();
    expect(session.syntaxError()).toEqual({
      message: "SyntaxError: Unexpected token ';' (line 2, column 13)",
      line: 2,
      column: 13,
    });
  });

  test("cases run in the session's isolate, each in a fresh context", async () => {
    const session = await pool.runTrigger()(
      `let n = 0; exports.handler = async (e) => { n++; globalThis.count = (globalThis.count || 0) + 1; e.response.n = [n, globalThis.count]; return e; };`,
      { exportFor },
    );
    expect(session.syntaxError()).toBeNull();
    const out = [];
    try {
      for (let i = 0; i < 3; i++) out.push(await session.invoke("PostConfirmation_ConfirmSignUp", post));
    } finally {
      session.dispose();
    }
    // Module state and globals start over in each case: the module is loaded in each new context.
    expect(out.map((r) => r.ok && (r.event as { response: { n: number[] } }).response.n)).toEqual([
      [1, 1],
      [1, 1],
      [1, 1],
    ]);
  });
});
