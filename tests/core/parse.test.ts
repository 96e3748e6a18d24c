// parsePolicy: positions, grammar per kind, size limits, warnings, hostile input.
import { describe, expect, it } from "vitest";
import { evaluate, parsePolicy, POLICY_SIZE_LIMITS, validatePolicyDocument } from "../../core/index";

const codes = (text: string, kind: Parameters<typeof parsePolicy>[1]["kind"]) =>
  parsePolicy(text, { kind }).diagnostics.map((d) => d.code);

describe("parsePolicy", () => {
  it("reports JSON errors with a line and column", () => {
    const r = parsePolicy('{\n  "Version": "2012-10-17",\n  "Statement": [,]\n}', { kind: "identity" });
    expect(r.policy).toBeUndefined();
    expect(r.diagnostics[0]).toMatchObject({
      code: "json-unexpected-token",
      severity: "error",
      path: "",
      range: { start: { line: 3, column: 17 } },
    });
  });
  it("points at the offending value with a JSON pointer and range", () => {
    const text =
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"},{"Effect":"Alow","Action":"s3:GetObject","Resource":"*"}]}';
    const d = parsePolicy(text, { kind: "identity" }).diagnostics.find((x) => x.code === "effect-invalid")!;
    expect(d.path).toBe("/Statement/1/Effect");
    expect(text.slice(d.range.from, d.range.to)).toBe('"Alow"');
    expect(d.message).toMatch(/^`Effect` must be/);
  });
  it("applies grammar per kind", () => {
    const withPrincipal =
      '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}}';
    const without =
      '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}}';
    expect(codes(withPrincipal, "identity")).toContain("principal-forbidden");
    expect(codes(withPrincipal, "scp")).toContain("principal-forbidden");
    expect(codes(withPrincipal, "boundary")).toContain("principal-forbidden");
    expect(codes(withPrincipal, "resource")).not.toContain("principal-forbidden");
    expect(codes(without, "resource")).toContain("principal-missing");
    expect(codes(without, "key")).toContain("principal-missing");
    expect(codes(without, "trust")).toContain("principal-missing");
  });
  it("catches common grammar errors", () => {
    const c = codes(
      '{"Version":"2012-10-18","Foo":1,"Statement":[{"Sid":"a","Effect":"Allow","Action":"s3:GetObject","NotAction":"s3:Put*","Resource":"bucket","Condition":{"StringEqualz":{"k":"v"},"DateLessThan":{"aws:CurrentTime":"tomorrow"},"IpAddress":{"aws:SourceIp":"300.1.1.1/8"},"NumericEquals":{"k":"ten"}}},{"Sid":"a","Effect":"Deny","Action":"s3:*","Resource":"*"}]}',
      "identity",
    );
    for (const code of [
      "version-invalid",
      "unknown-element",
      "action-and-notaction",
      "resource-invalid",
      "condition-operator-unknown",
      "condition-value-invalid",
      "sid-duplicate",
    ])
      expect(c).toContain(code);
  });
  it("gives security warnings", () => {
    const c = codes(
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":"iam:*","Resource":"*"},{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b"},{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"iam:PassRole","Resource":"*"},{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"s3:ListBucket","Resource":"arn:aws:s3:::b/*"}]}',
      "resource",
    );
    for (const code of [
      "allow-notaction",
      "principal-star-no-condition",
      "s3-object-action-on-bucket",
      "passrole-star",
      "s3-bucket-action-on-object",
    ])
      expect(c).toContain(code);
  });
  it("warns that variables are literal without Version 2012-10-17", () => {
    expect(
      codes(
        '{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b/${aws:username}/*"}}',
        "identity",
      ),
    ).toEqual(expect.arrayContaining(["version-missing", "variable-literal"]));
  });
  it("enforces size limits per kind (IAM without white space)", () => {
    const statements = Array.from({ length: 80 }, (_, i) => ({
      Sid: `S${i}`,
      Effect: "Allow",
      Action: "s3:GetObject",
      Resource: `arn:aws:s3:::bucket-number-${i}/*`,
    }));
    const text = JSON.stringify({ Version: "2012-10-17", Statement: statements }, null, 8);
    expect(text.replace(/\s/g, "").length).toBeGreaterThan(POLICY_SIZE_LIMITS.identity.max);
    expect(codes(text, "identity")).toContain("size-limit");
    expect(codes(text, "key")).not.toContain("size-limit");
    const small = JSON.stringify({ Version: "2012-10-17", Statement: statements.slice(0, 40) }, null, 40);
    expect(small.length).toBeGreaterThan(6144);
    expect(codes(small, "identity")).not.toContain("size-limit");
  });
  it("refuses input over 1 MB before parsing", () => {
    expect(codes("x".repeat(1024 * 1024 + 1), "identity")).toEqual(["input-too-large"]);
  });
  it("survives deep nesting", () => {
    const deep = "[".repeat(100000) + "]".repeat(100000);
    expect(codes(deep, "identity")).toEqual(["json-too-deep"]);
  });
  it("handles 100k statements without hanging", () => {
    const st = '{"Effect":"Allow","Action":"a:b","Resource":"*"}';
    const huge = '{"Version":"2012-10-17","Statement":[' + Array(100000).fill(st).join(",") + "]}";
    const t0 = Date.now();
    expect(parsePolicy(huge, { kind: "identity" }).diagnostics.map((d) => d.code)).toEqual(["input-too-large"]);
    const big = '{"Version":"2012-10-17","Statement":[' + Array(20000).fill(st).join(",") + "]}";
    const codes20k = parsePolicy(big, { kind: "identity" }).diagnostics.map((d) => d.code);
    expect(codes20k).toContain("size-limit");
    expect(Date.now() - t0).toBeLessThan(5000);
    const doc = {
      Version: "2012-10-17",
      Statement: Array.from({ length: 100000 }, (_, i) => ({ Effect: "Allow", Action: `s3:Get${i}`, Resource: "*" })),
    };
    const t1 = Date.now();
    expect(validatePolicyDocument(doc, "identity").map((d) => d.code)).toEqual(["input-too-large"]);
    const r = evaluate(
      {
        request: { principal: "arn:aws:iam::111122223333:user/a", action: "s3:Get99999", resource: "*" },
        policies: { identity: [doc] },
      },
      { explain: true },
    );
    expect(r.decision).toBe("Allow");
    expect(Date.now() - t1).toBeLessThan(10000);
  });
  it("statements carry their range into explain", () => {
    const text =
      '{\n "Version": "2012-10-17",\n "Statement": [\n  {"Sid": "A", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",\n   "Condition": {"StringEquals": {"aws:PrincipalTag/team": "blue"}}}\n ]\n}';
    const { policy } = parsePolicy(text, { kind: "identity" });
    expect(policy).toBeDefined();
    const r = evaluate(
      {
        request: {
          principal: "arn:aws:iam::111122223333:user/a",
          action: "s3:GetObject",
          resource: "arn:aws:s3:::b/k",
          context: { "aws:PrincipalTag/team": "red" },
        },
        policies: { identity: [policy!] },
      },
      { explain: true },
    );
    const st = r.explain!.policies[0].statements[0];
    expect(st.range!.start.line).toBe(4);
    expect(st.mismatch).toMatchObject({
      kind: "condition",
      operator: "StringEquals",
      key: "aws:PrincipalTag/team",
      policyValues: ["blue"],
      requestValues: ["red"],
      isKeyMissing: false,
    });
    if (st.mismatch?.kind === "condition")
      expect(text.slice(st.mismatch.range!.from, st.mismatch.range!.to)).toBe('"aws:PrincipalTag/team": "blue"');
    expect(r.explain!.summary.join(" ")).toMatch(
      /would allow it, but condition `StringEquals` on `aws:PrincipalTag\/team` failed/,
    );
  });
});
