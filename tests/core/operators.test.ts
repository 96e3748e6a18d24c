// Table-driven tests for every condition operator family, with IfExists and the set operators.
import { describe, expect, it } from "vitest";
import { evaluate, type TContextValue } from "../../core/index";

type TRow = [operator: string, policyValues: string | string[], request: TContextValue | undefined, expected: boolean];

function allows(op: string, values: string | string[], request: TContextValue | undefined): boolean {
  const context: Record<string, TContextValue> = request === undefined ? {} : { "test:key": request };
  const r = evaluate({
    request: {
      principal: "arn:aws:iam::111122223333:user/alice",
      action: "s3:GetObject",
      resource: "arn:aws:s3:::b/k",
      resourceAccount: "111122223333",
      context,
    },
    policies: {
      identity: [
        {
          Version: "2012-10-17",
          Statement: [
            { Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: { [op]: { "test:key": values } } },
          ],
        },
      ],
    },
  });
  return r.decision === "Allow";
}

const TABLE: Record<string, TRow[]> = {
  string: [
    ["StringEquals", "a", "a", true],
    ["StringEquals", "a", "A", false],
    ["StringEquals", ["x", "a"], "a", true],
    ["StringEquals", "a", undefined, false],
    ["StringNotEquals", "a", "b", true],
    ["StringNotEquals", "a", "a", false],
    ["StringNotEquals", "a", undefined, true],
    ["StringEqualsIgnoreCase", "ABC", "abc", true],
    ["StringNotEqualsIgnoreCase", "ABC", "abc", false],
    ["StringLike", "a*c", "abbbc", true],
    ["StringLike", "a?c", "abc", true],
    ["StringLike", "a?c", "abbc", false],
    ["StringNotLike", "a*", "abc", false],
    ["StringNotLike", "a*", "xbc", true],
    ["StringEqualsIfExists", "a", undefined, true],
    ["StringEqualsIfExists", "a", "b", false],
    ["StringNotLikeIfExists", "a*", undefined, true],
  ],
  numeric: [
    ["NumericEquals", "5", "5", true],
    ["NumericEquals", "5", "5.0", true],
    ["NumericEquals", "5", "x", false],
    ["NumericNotEquals", "5", "6", true],
    ["NumericLessThan", "5", "4", true],
    ["NumericLessThan", "5", "5", false],
    ["NumericLessThanEquals", "5", "5", true],
    ["NumericGreaterThan", "5", "6", true],
    ["NumericGreaterThanEquals", "5", "4", false],
    ["NumericGreaterThanIfExists", "5", undefined, true],
    ["NumericLessThan", "5", 3, true],
  ],
  date: [
    ["DateEquals", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z", true],
    ["DateEquals", "2026-01-01T00:00:00Z", "1767225600", true],
    ["DateNotEquals", "2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", true],
    ["DateLessThan", "2026-01-01T00:00:00Z", "2025-12-31T23:59:59Z", true],
    ["DateLessThanEquals", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z", true],
    ["DateGreaterThan", "2026-01-01T00:00:00Z", "2026-01-01T00:00:01Z", true],
    ["DateGreaterThanEquals", "2026-01-01T00:00:00Z", "2025-01-01T00:00:00Z", false],
    ["DateGreaterThan", "2026-01-01T00:00:00Z", "not a date", false],
    ["DateLessThanIfExists", "2026-01-01T00:00:00Z", undefined, true],
  ],
  bool: [
    ["Bool", "true", "true", true],
    ["Bool", "true", true, true],
    ["Bool", "false", "true", false],
    ["Bool", "true", "TRUE", true],
    ["Bool", "true", undefined, false],
    ["BoolIfExists", "true", undefined, true],
  ],
  binary: [
    ["BinaryEquals", "QUJD", "QUJD", true],
    ["BinaryEquals", "QUJD", "QUJE", false],
  ],
  ip: [
    ["IpAddress", "10.0.0.0/8", "10.1.2.3", true],
    ["IpAddress", "10.0.0.0/8", "11.1.2.3", false],
    ["IpAddress", "10.0.0.1", "10.0.0.1", true],
    ["IpAddress", "2001:db8::/32", "2001:db8:ffff::1", true],
    ["IpAddress", "2001:db8::/32", "2001:db9::1", false],
    ["IpAddress", "10.0.0.0/8", "not-an-ip", false],
    ["NotIpAddress", "10.0.0.0/8", "11.1.2.3", true],
    ["NotIpAddress", "10.0.0.0/8", "10.1.2.3", false],
    ["NotIpAddress", "10.0.0.0/8", undefined, true],
    ["IpAddressIfExists", "10.0.0.0/8", undefined, true],
  ],
  arn: [
    ["ArnEquals", "arn:aws:sns:us-east-1:111122223333:t", "arn:aws:sns:us-east-1:111122223333:t", true],
    ["ArnLike", "arn:aws:sns:*:111122223333:*", "arn:aws:sns:eu-west-1:111122223333:t", true],
    ["ArnLike", "arn:aws:sns:*:111122223333:*", "arn:aws:sns:eu-west-1:444455556666:t", false],
    ["ArnLike", "arn:aws:s3:::b/*", "arn:aws:s3:::b/x/y", true],
    ["ArnNotEquals", "arn:aws:sns:us-east-1:111122223333:t", "arn:aws:sns:us-east-1:111122223333:u", true],
    ["ArnNotLike", "arn:aws:sns:*:*:*", "arn:aws:sns:us-east-1:111122223333:u", false],
    ["ArnLikeIfExists", "arn:aws:sns:*:*:*", undefined, true],
  ],
  null: [
    ["Null", "true", undefined, true],
    ["Null", "true", "x", false],
    ["Null", "false", "x", true],
    ["Null", "false", undefined, false],
    ["Null", "true", [], true],
  ],
  sets: [
    ["ForAnyValue:StringEquals", ["a", "b"], ["b", "c"], true],
    ["ForAnyValue:StringEquals", ["a", "b"], ["c"], false],
    ["ForAnyValue:StringEquals", ["a"], undefined, false],
    ["ForAnyValue:StringEquals", ["a"], [], false],
    ["ForAllValues:StringEquals", ["a", "b"], ["a", "b"], true],
    ["ForAllValues:StringEquals", ["a", "b"], ["a", "c"], false],
    ["ForAllValues:StringEquals", ["a"], undefined, true],
    ["ForAllValues:StringEquals", ["a"], [], true],
    ["ForAllValues:StringLike", ["a*"], ["ab", "ac"], true],
    ["ForAllValues:StringNotEquals", ["x"], ["a", "b"], true],
    ["ForAllValues:StringNotEquals", ["x"], ["a", "x"], false],
    ["ForAnyValue:StringNotEquals", ["x"], ["x", "a"], true],
    ["ForAnyValue:StringNotEquals", ["x"], ["x"], false],
    ["ForAnyValue:StringEqualsIfExists", ["a"], undefined, true],
    ["ForAnyValue:NumericGreaterThan", ["5"], ["1", "9"], true],
    ["ForAllValues:IpAddress", ["10.0.0.0/8"], ["10.0.0.1", "192.168.0.1"], false],
  ],
};

for (const [family, rows] of Object.entries(TABLE)) {
  describe(`condition operators: ${family}`, () => {
    it.each(rows)("%s %j with request %j -> %s", (op, values, request, expected) => {
      expect(allows(op, values, request)).toBe(expected);
    });
  });
}
