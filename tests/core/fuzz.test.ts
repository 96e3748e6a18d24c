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

// Hostile input the generators above do not reach: every Unicode plane (lone surrogates, combining
// marks, bidi controls), nesting far past the parser's depth limit, and input over the 1 MB cap
// (counted in UTF-8 bytes, so a text under a million characters can still be over).
const hostileString = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 60 }),
  fc.string({ unit: "binary", maxLength: 60 }),
  fc.constantFrom("\ud800", "\udfff\ud800", "\u202e*\u202c", "\u0000", "\ufeff", "e\u0301\u0301", "𝔰3:*", "ＡＲＮ:*"),
);
const unicodePolicy = fc.record({
  Version: fc.oneof(fc.constant("2012-10-17"), hostileString),
  Statement: fc.array(
    fc.record({
      Sid: hostileString,
      Effect: fc.oneof(fc.constantFrom("Allow", "Deny"), hostileString),
      Action: fc.oneof(hostileString, fc.array(hostileString, { maxLength: 3 })),
      Resource: fc.oneof(hostileString, fc.constant("*")),
      Condition: fc.dictionary(
        fc.oneof(hostileString, fc.constantFrom("StringLike", "ForAnyValue:StringEquals")),
        fc.dictionary(hostileString, fc.oneof(hostileString, fc.array(hostileString, { maxLength: 2 }))),
        { maxKeys: 2 },
      ),
    }),
    { maxLength: 3 },
  ),
});
/** Wraps a value in `depth` arrays or objects (alternating by the given pattern). */
function nest(value: unknown, depth: number, objects: boolean): unknown {
  let v = value;
  for (let i = 0; i < depth; i++) v = objects && i % 2 ? { k: v } : [v];
  return v;
}

describe("fuzz: unicode, nesting and size", () => {
  it("unicode-heavy policies and requests: parse, validate and evaluate never throw; ranges stay in the text", () => {
    fc.assert(
      fc.property(unicodePolicy, kinds, hostileString, hostileString, (doc, kind, action, resource) => {
        const text = JSON.stringify(doc, null, 1);
        const r = parsePolicy(text, { kind });
        for (const d of r.diagnostics) {
          expect(typeof d.message).toBe("string");
          expect(d.range.from).toBeGreaterThanOrEqual(0);
          expect(d.range.to).toBeLessThanOrEqual(text.length);
        }
        expect(Array.isArray(validatePolicyDocument(doc, kind))).toBe(true);
        const req = {
          principal: "arn:aws:iam::111122223333:user/ü",
          action,
          resource,
          context: { [action]: resource },
        };
        const out = evaluate(
          { request: req, policies: { identity: [doc] } as unknown as TPolicySet },
          { explain: true },
        );
        expect(["Allow", "ExplicitDeny", "ImplicitDeny"]).toContain(out.decision);
      }),
      { numRuns: 300 },
    );
  });

  it("nesting at any depth: a diagnostic past the limit, never a stack overflow", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20_000 }), fc.boolean(), kinds, (depth, objects, kind) => {
        const doc = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };
        const value = nest(doc, depth, objects);
        // By hand: JSON.stringify itself overflows the stack long before 20,000 levels.
        const open = Array.from({ length: depth }, (_, i) => (objects && i % 2 ? '{"k":' : "[")).join("");
        const close = Array.from({ length: depth }, (_, i) => (objects && i % 2 ? "}" : "]"))
          .reverse()
          .join("");
        const text = open + JSON.stringify(doc) + close;
        const codes = parsePolicy(text, { kind }).diagnostics.map((d) => d.code);
        if (depth > 64) expect(codes).toContain("json-too-deep");
        if (depth < 60) expect(codes).not.toContain("json-too-deep");
        expect(Array.isArray(validatePolicyDocument(value, kind))).toBe(true);
        const out = evaluate({
          request: { principal: "arn:aws:iam::111122223333:user/a", action: "s3:GetObject", resource: "*" },
          policies: { identity: [value], resource: value } as unknown as TPolicySet,
        });
        expect(["Allow", "ExplicitDeny", "ImplicitDeny"]).toContain(out.decision);
      }),
      { numRuns: 60 },
    );
  });

  it("over 1 MB of UTF-8 is refused by size before parsing, even under a million characters", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("x", "é", "€", "😀", " "),
        fc.integer({ min: 1, max: 4096 }),
        kinds,
        (ch, over, kind) => {
          const bytes = Buffer.byteLength(ch);
          const count = Math.ceil((1024 * 1024 + over) / bytes);
          const text = `{"Version":"2012-10-17","Sid":"${ch.repeat(count)}"}`;
          expect(Buffer.byteLength(text)).toBeGreaterThan(1024 * 1024);
          expect(parsePolicy(text, { kind }).diagnostics.map((d) => d.code)).toEqual(["input-too-large"]);
          const doc = {
            Version: "2012-10-17",
            Statement: [{ Sid: ch.repeat(count), Effect: "Allow", Action: "*", Resource: "*" }],
          };
          expect(validatePolicyDocument(doc, kind).map((d) => d.code)).toEqual(["input-too-large"]);
        },
      ),
      { numRuns: 12 },
    );
  });
});
