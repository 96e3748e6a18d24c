// Property tests (fast-check) over generated policies and requests.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluate, type TPolicyDocument, type TPolicySet, type TRequest } from "../../core/index";

const ACCOUNTS = ["111122223333", "444455556666"];
const actions = fc.constantFrom(
  "s3:GetObject",
  "s3:PutObject",
  "s3:ListBucket",
  "ec2:RunInstances",
  "kms:Decrypt",
  "sts:AssumeRole",
  "iam:PassRole",
);
const actionPatterns = fc.constantFrom(
  "s3:GetObject",
  "s3:*",
  "s3:Get*",
  "*",
  "ec2:*",
  "kms:Decrypt",
  "sts:AssumeRole",
  "iam:*",
);
const resources = fc.constantFrom(
  "arn:aws:s3:::b",
  "arn:aws:s3:::b/k",
  "arn:aws:kms:us-east-1:111122223333:key/k1",
  "arn:aws:iam::111122223333:role/r",
  "arn:aws:ec2:us-east-1:444455556666:instance/i-1",
  "*",
);
const resourcePatterns = fc.constantFrom(
  "*",
  "arn:aws:s3:::b",
  "arn:aws:s3:::b/*",
  "arn:aws:kms:*:*:key/*",
  "arn:aws:iam::*:role/*",
  "arn:aws:ec2:*:*:*",
);
const principals = fc.constantFrom(
  "arn:aws:iam::111122223333:user/alice",
  "arn:aws:iam::444455556666:user/carol",
  "arn:aws:sts::111122223333:assumed-role/r/s",
  "arn:aws:sts::111122223333:federated-user/f",
  "arn:aws:iam::111122223333:root",
  "anonymous",
  "ec2.amazonaws.com",
);
const principalEls = fc.constantFrom<TPolicyDocument[string]>(
  "*",
  { AWS: "111122223333" },
  { AWS: "arn:aws:iam::111122223333:user/alice" },
  { AWS: "arn:aws:iam::111122223333:role/r" },
  { Service: "ec2.amazonaws.com" },
);
const condition = fc.option(
  fc.constantFrom<TPolicyDocument[string]>(
    { StringEquals: { "aws:PrincipalTag/team": "blue" } },
    { Bool: { "aws:SecureTransport": "true" } },
    { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } },
    { StringNotEqualsIfExists: { "aws:PrincipalOrgID": "o-1" } },
    { "ForAllValues:StringEquals": { "aws:TagKeys": ["a"] } },
  ),
  { nil: undefined },
);

const statement = (withPrincipal: boolean, effect?: "Allow" | "Deny") =>
  fc
    .record({
      e: effect ? fc.constant(effect) : fc.constantFrom("Allow", "Deny"),
      a: fc.array(actionPatterns, { minLength: 1, maxLength: 2 }),
      r: fc.array(resourcePatterns, { minLength: 1, maxLength: 2 }),
      p: principalEls,
      c: condition,
    })
    .map(({ e, a, r, p, c }) => {
      const s: TPolicyDocument = { Effect: e, Action: a, Resource: r };
      if (withPrincipal) s.Principal = p;
      if (c) s.Condition = c;
      return s;
    });
const policy = (withPrincipal: boolean) =>
  fc
    .array(statement(withPrincipal), { minLength: 1, maxLength: 4 })
    .map((Statement) => ({ Version: "2012-10-17", Statement }) as TPolicyDocument);

const request: fc.Arbitrary<TRequest> = fc
  .record({
    principal: principals,
    action: actions,
    resource: resources,
    resourceAccount: fc.option(fc.constantFrom(...ACCOUNTS), { nil: undefined }),
    context: fc.record({
      "aws:PrincipalTag/team": fc.constantFrom("blue", "red"),
      "aws:SecureTransport": fc.boolean(),
      "aws:SourceIp": fc.constantFrom("10.1.1.1", "192.0.2.1"),
      "aws:TagKeys": fc.constantFrom<string[]>([], ["a"], ["a", "b"]),
    }),
  })
  .map((r) => {
    const out: TRequest = { principal: r.principal, action: r.action, resource: r.resource, context: r.context };
    if (r.resourceAccount) out.resourceAccount = r.resourceAccount;
    return out;
  });

const policySet: fc.Arbitrary<TPolicySet> = fc.record(
  {
    identity: fc.array(policy(false), { maxLength: 3 }),
    resource: policy(true),
    permissionBoundary: policy(false),
    session: policy(false),
    scp: fc.array(fc.array(policy(false), { minLength: 1, maxLength: 2 }), { maxLength: 2 }),
  },
  { requiredKeys: ["identity"] },
);

const RUNS = { numRuns: 300 };

describe("evaluator properties", () => {
  it("never throws on valid policies", () => {
    fc.assert(
      fc.property(request, policySet, (req, ps) => {
        const a = evaluate({ request: req, policies: ps });
        const b = evaluate({ request: req, policies: ps }, { explain: true });
        expect(["Allow", "ExplicitDeny", "ImplicitDeny"]).toContain(a.decision);
        expect(b.decision).toBe(a.decision);
      }),
      RUNS,
    );
  });

  it("adding a Deny statement never turns a deny into Allow, nor removes an explicit deny", () => {
    fc.assert(
      fc.property(request, policySet, statement(false, "Deny"), fc.nat(10), (req, ps, deny, at) => {
        const before = evaluate({ request: req, policies: ps }).decision;
        const identity = [...(ps.identity ?? [])];
        const target = identity.length ? at % identity.length : -1;
        if (target < 0) identity.push({ Version: "2012-10-17", Statement: [deny] });
        else {
          const doc = identity[target] as TPolicyDocument;
          identity[target] = { ...doc, Statement: [...(doc.Statement as TPolicyDocument[]), deny] };
        }
        const after = evaluate({ request: req, policies: { ...ps, identity } }).decision;
        if (before !== "Allow") expect(after).not.toBe("Allow");
        if (before === "ExplicitDeny") expect(after).toBe("ExplicitDeny");
      }),
      RUNS,
    );
  });

  it("adding an SCP level never grants", () => {
    fc.assert(
      fc.property(request, policySet, fc.array(policy(false), { minLength: 0, maxLength: 2 }), (req, ps, level) => {
        const before = evaluate({ request: req, policies: ps }).decision;
        const after = evaluate({ request: req, policies: { ...ps, scp: [...(ps.scp ?? []), level] } }).decision;
        if (before !== "Allow") expect(after).not.toBe("Allow");
      }),
      RUNS,
    );
  });

  it("statement order and policy order never change the decision", () => {
    fc.assert(
      fc.property(request, policySet, (req, ps) => {
        const before = evaluate({ request: req, policies: ps }).decision;
        const rev = (d: unknown) => {
          const doc = d as TPolicyDocument;
          return { ...doc, Statement: [...(doc.Statement as TPolicyDocument[])].reverse() };
        };
        const shuffled: TPolicySet = {
          ...ps,
          identity: [...(ps.identity ?? [])].reverse().map(rev),
          resource: ps.resource ? rev(ps.resource) : undefined,
          scp: ps.scp?.map((l) => [...l].reverse().map(rev)),
        };
        expect(evaluate({ request: req, policies: shuffled }).decision).toBe(before);
      }),
      RUNS,
    );
  });
});
