// Table-driven tests for action, resource and principal matching, and for policy variables.
import { describe, expect, it } from "vitest";
import { compileActionList, compileArnPattern, compileGlob, maskedGlob, splitArn } from "../../core/policy/matchers";
import { compilePrincipal, matchPrincipal, parsePrincipal, isExemptByNotPrincipal } from "../../core/policy/principal";
import { parseTemplate, resolveTemplate } from "../../core/policy/variables";
import { prepareRequest } from "../../core/policy/request";

describe("action matching (case-insensitive, * and ?)", () => {
  it.each([
    [["s3:GetObject"], "s3:getobject", true],
    [["S3:GET*"], "s3:getobjectacl", true],
    [["s3:Get*"], "s3:putobject", false],
    [["*"], "iam:createuser", true],
    [["s3:?etObject"], "s3:getobject", true],
    [["s3:*Object"], "s3:getobject", true],
    [["s3:*Object"], "s3:getobjectacl", false],
    [["ec2:*", "s3:GetObject"], "s3:getobject", true],
  ] as const)("%j matches %s: %s", (patterns, action, expected) => {
    expect(compileActionList([...patterns])(action)).toBe(expected);
  });
});

describe("resource matching (case-sensitive, ARN segments)", () => {
  it.each([
    ["arn:aws:s3:::b/*", "arn:aws:s3:::b/a/b/c", true],
    ["arn:aws:s3:::b", "arn:aws:s3:::b/x", false],
    ["arn:aws:s3:::b/*", "arn:aws:s3:::b", false],
    ["arn:aws:s3:::B/*", "arn:aws:s3:::b/x", false],
    ["arn:aws:ec2:*:111122223333:instance/*", "arn:aws:ec2:us-east-1:111122223333:instance/i-1", true],
    ["arn:aws:ec2:*:111122223333:instance/*", "arn:aws:ec2:us-east-1:444455556666:instance/i-1", false],
    ["arn:aws:*:us-east-1:*:*", "arn:aws:sqs:us-east-1:111122223333:q", true],
    ["*", "anything", true],
    ["arn:aws:sqs:*:*:q?", "arn:aws:sqs:us-east-1:1:q1", true],
  ])("%s vs %s -> %s", (pattern, value, expected) => {
    expect(compileArnPattern(pattern)(value, splitArn(value))).toBe(expected);
  });
  it("globs", () => {
    expect(compileGlob("a*b?c", false)("axxbyc")).toBe(true);
    expect(compileGlob("a*b?c", true)("AXXBYC")).toBe(true);
    expect(maskedGlob("a*", new Uint8Array([0, 0]), "a*", false)).toBe(true);
    expect(maskedGlob("a*", new Uint8Array([0, 0]), "ab", false)).toBe(false);
    expect(maskedGlob("a*", new Uint8Array([0, 1]), "ab", false)).toBe(true);
  });
});

describe("principal matching", () => {
  const A = "111122223333";
  const user = parsePrincipal(`arn:aws:iam::${A}:user/alice`);
  const session = parsePrincipal(`arn:aws:sts::${A}:assumed-role/app/s1`);
  it.each([
    ["*", user, "wildcard"],
    [{ AWS: "*" }, parsePrincipal("anonymous"), "wildcard"],
    [{ AWS: A }, user, "account"],
    [{ AWS: `arn:aws:iam::${A}:root` }, user, "account"],
    [{ AWS: `arn:aws:iam::${A}:user/alice` }, user, "direct"],
    [{ AWS: `arn:aws:iam::${A}:user/bob` }, user, null],
    [{ AWS: `arn:aws:iam::${A}:role/app` }, session, "role"],
    [{ AWS: `arn:aws:iam::${A}:role/path/app` }, session, "role"],
    [{ AWS: `arn:aws:sts::${A}:assumed-role/app/s1` }, session, "direct"],
    [{ AWS: A }, parsePrincipal("anonymous"), null],
    [{ Service: "ec2.amazonaws.com" }, parsePrincipal("ec2.amazonaws.com"), "direct"],
    [{ AWS: A }, parsePrincipal(`arn:aws:iam::${A}:root`), "direct"],
  ] as const)("%j vs %s", (el, p, expected) => {
    expect(matchPrincipal(compilePrincipal(el as never), p)).toBe(expected);
  });
  it("NotPrincipal needs the account listed", () => {
    expect(isExemptByNotPrincipal(compilePrincipal({ AWS: [`arn:aws:iam::${A}:user/alice`] }), user)).toBe(false);
    expect(isExemptByNotPrincipal(compilePrincipal({ AWS: [`arn:aws:iam::${A}:user/alice`, A] }), user)).toBe(true);
    expect(
      isExemptByNotPrincipal(
        compilePrincipal({ AWS: [`arn:aws:iam::${A}:user/alice`, A] }),
        parsePrincipal(`arn:aws:iam::${A}:user/bob`),
      ),
    ).toBe(false);
  });
});

describe("policy variables", () => {
  const req = prepareRequest({
    principal: "arn:aws:iam::111122223333:user/alice",
    action: "s3:GetObject",
    resource: "*",
    context: { "aws:PrincipalTag/Team": "blue", "aws:TagKeys": ["a"] },
  });
  it.each([
    ["home/${aws:username}/*", "home/alice/*"],
    ["${aws:principaltag/team}", "blue"],
    ["${AWS:PrincipalTag/TEAM}", "blue"],
    ["${aws:PrincipalTag/missing, 'none'}", "none"],
    ["${*}${?}${$}", "*?$"],
    ["${not closed", "${not closed"],
  ])("%s -> %s", (raw, expected) => {
    expect(resolveTemplate(parseTemplate(raw, true, true), req)?.text).toBe(expected);
  });
  it("missing variable without default does not resolve", () => {
    expect(resolveTemplate(parseTemplate("${aws:PrincipalTag/missing}", true, true), req)).toBeNull();
  });
  it("multivalued keys are not substituted", () => {
    expect(resolveTemplate(parseTemplate("${aws:TagKeys}", true, true), req)).toBeNull();
  });
  it("without variables the text is literal", () => {
    expect(resolveTemplate(parseTemplate("${aws:username}", false, true), req)?.text).toBe("${aws:username}");
  });
});
