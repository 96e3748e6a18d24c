// Spawns the CLI as outside tools do and checks the public contract.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

function run(args: string[], input: string) {
  const r = spawnSync("npx", ["tsx", "scripts/policy-cli.ts", ...args], {
    input,
    encoding: "utf8",
    cwd: process.cwd(),
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const allow = {
  request: {
    principal: "arn:aws:iam::111122223333:user/alice",
    action: "s3:GetObject",
    resource: "arn:aws:s3:::b/k",
    resourceAccount: "111122223333",
    context: { "aws:SecureTransport": "true" },
  },
  policies: {
    identity: [
      { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }] },
    ],
  },
};

describe("policy CLI", () => {
  it("evaluates a batch in order with decision and explain, or an error", () => {
    const bad = {
      request: allow.request,
      policies: {
        identity: [{ Version: "2012-10-17", Statement: [{ Effect: "Alow", Action: "s3:GetObject", Resource: "*" }] }],
      },
    };
    const deny = {
      ...allow,
      policies: {
        ...allow.policies,
        scp: [[{ Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "*", Resource: "*" }] }]],
      },
    };
    const r = run(["evaluate"], JSON.stringify([allow, bad, deny]));
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(out).toHaveLength(3);
    expect(out[0].decision).toBe("Allow");
    expect(out[0].explain.decidingLayer).toBe("identity");
    expect(Array.isArray(out[0].explain.summary)).toBe(true);
    expect(out[1]).toEqual({
      error: { code: "effect-invalid", message: expect.any(String), path: "/policies/identity/0/Statement/0/Effect" },
    });
    expect(out[2]).toMatchObject({ decision: "ExplicitDeny", explain: { decidingLayer: "scp" } });
  }, 60_000);
  it("answers a single object with a single object", () => {
    const r = run(["evaluate"], JSON.stringify(allow));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).decision).toBe("Allow");
  }, 60_000);
  it("exits 2 when the input is not JSON", () => {
    const r = run(["evaluate"], "{not json");
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out).error.code).toBe("input-not-json");
  }, 60_000);
  it("validates a policy and prints diagnostics", () => {
    const r = run(
      ["validate", "--kind", "resource"],
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}',
    );
    expect(r.code).toBe(0);
    const d = JSON.parse(r.out);
    expect(d.map((x: { code: string }) => x.code)).toContain("principal-star-no-condition");
    expect(d[0]).toMatchObject({ severity: "warning", path: "/Statement/0/Principal", range: { start: { line: 1 } } });
  }, 60_000);
});
