// Fuzz: random JSON and random text into parsePolicy and evaluate; nothing may throw or hang.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  evaluate,
  parsePolicy,
  validatePolicyDocument,
  POLICY_KINDS,
  type TPolicySet,
  type TRequest,
} from "../../core/index";

const kinds = fc.constantFrom(...POLICY_KINDS);
const policyish = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.jsonValue({ maxDepth: 3 }),
    fc.record({
      Version: fc.oneof(fc.constantFrom("2012-10-17", "2008-10-17"), fc.jsonValue({ maxDepth: 1 })),
      Statement: fc.oneof(fc.array(tie("statement"), { maxLength: 3 }), tie("statement")),
    }),
  ),
  statement: fc.record(
    {
      Sid: fc.oneof(fc.string(), fc.integer()),
      Effect: fc.constantFrom("Allow", "Deny", "allow", "", 1 as never),
      Action: fc.oneof(
        fc.constantFrom("s3:*", "*", "", "s3:Get?bject"),
        fc.array(fc.string(), { maxLength: 2 }),
        fc.jsonValue({ maxDepth: 1 }),
      ),
      NotAction: fc.constantFrom("iam:*"),
      Resource: fc.oneof(
        fc.constantFrom("*", "arn:aws:s3:::b/*", "arn:", "${aws:username}", "arn:aws:s3:::${*}"),
        fc.string(),
      ),
      Principal: fc.oneof(
        fc.constantFrom("*", { AWS: "111122223333" }, { AWS: ["*", "arn:aws:iam::1:user/*"] }, { Bogus: 1 }),
        fc.jsonValue({ maxDepth: 2 }),
      ),
      NotPrincipal: fc.constantFrom({ AWS: "111122223333" }),
      Condition: fc.oneof(
        fc.jsonValue({ maxDepth: 3 }),
        fc.record({
          [fc.sample(
            fc.constantFrom(
              "StringLike",
              "IpAddress",
              "DateLessThan",
              "NumericEquals",
              "Null",
              "ForAllValues:ArnLike",
              "Bogus",
            ),
            1,
          )[0]]: fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 1 })),
        }),
      ),
    },
    { requiredKeys: [] },
  ),
})).value;

const request: fc.Arbitrary<TRequest> = fc.record({
  principal: fc.oneof(
    fc.string(),
    fc.constantFrom("anonymous", "arn:aws:iam::111122223333:user/a", "arn:aws:sts::1:assumed-role/", "arn:"),
  ),
  action: fc.oneof(fc.string(), fc.constantFrom("s3:GetObject", "kms:Decrypt", "sts:AssumeRole")),
  resource: fc.oneof(
    fc.string(),
    fc.constantFrom("*", "arn:aws:s3:::b/k", "arn:aws:kms:us-east-1:1:key/x", "arn:aws:iam::1:role/r"),
  ),
  context: fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<never>),
});

describe("fuzz", () => {
  it("parsePolicy and validatePolicyDocument never throw on random JSON", () => {
    fc.assert(
      fc.property(policyish, kinds, (v, kind) => {
        const text = JSON.stringify(v) ?? "null";
        const r = parsePolicy(text, { kind });
        for (const d of r.diagnostics) {
          expect(typeof d.code).toBe("string");
          expect(d.range.start.line).toBeGreaterThanOrEqual(1);
        }
        expect(Array.isArray(validatePolicyDocument(v, kind))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("parsePolicy never throws on random text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), kinds, (text, kind) => {
        expect(Array.isArray(parsePolicy(text, { kind }).diagnostics)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("evaluate never throws on random policies and requests", () => {
    fc.assert(
      fc.property(request, fc.array(policyish, { maxLength: 3 }), policyish, (req, identity, resource) => {
        const policies = {
          identity,
          resource,
          scp: [[resource]],
          permissionBoundary: resource,
          session: resource,
        } as unknown as TPolicySet;
        expect(["Allow", "ExplicitDeny", "ImplicitDeny"]).toContain(
          evaluate({ request: req, policies }, { explain: true }).decision,
        );
        expect(["Allow", "ExplicitDeny", "ImplicitDeny"]).toContain(evaluate({ request: req, policies }).decision);
      }),
      { numRuns: 500 },
    );
  });

  it("evaluate survives wrong top-level shapes", () => {
    for (const bad of [
      null,
      undefined,
      1,
      "x",
      [],
      { request: null, policies: null },
      { request: {}, policies: { identity: "x", scp: [1] } },
    ])
      expect(evaluate(bad as never).decision).toBe("ImplicitDeny");
  });
});
