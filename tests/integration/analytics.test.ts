// Analytics over seeded submissions: solve rate, attempts-to-solve, failing cases, the misconception
// heatmap, clusters of equivalent policies, and who may see which cohort.
import { beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { db } from "@/server/db";
import { signUp } from "@/server/users/sign-up";
import { loadSessionUser } from "@/server/users/load-session-user";
import { syncChallenges } from "@/server/challenges/sync-challenges";
import { getAnalytics } from "@/server/analytics/get-analytics";
import { canonicalCode, canonicalPolicy } from "@/server/analytics/canonical-answer";
import type { TSessionUser } from "@/server/authz";
import { failure } from "../helpers/app-error";

async function newUser(role: "STUDENT" | "INSTRUCTOR" | "ADMIN" = "STUDENT") {
  const email = `ana-${randomBytes(5).toString("hex")}@example.com`;
  const { id } = await signUp({ email, name: "Analytics Person", password: "analytics-password" });
  if (role !== "STUDENT") await db().user.update({ where: { id }, data: { role } });
  return (await loadSessionUser(id, 0))! as TSessionUser;
}

const report = (cases: Array<[id: string, passed: boolean, tag?: string]>) => ({
  gradable: true,
  cases: cases.map(([id, passed, misconception]) => ({ id, name: `case ${id}`, passed, misconception })),
});

// Equivalent wrong answers: key order, Sid, single value vs array, action case.
const WRONG_A = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Sid: "One", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }],
});
const WRONG_B = JSON.stringify({
  Statement: { Resource: ["arn:aws:s3:::b/*"], Action: ["S3:getobject"], Principal: "*", Effect: "Allow" },
  Version: "2012-10-17",
});
const WRONG_C = `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"}]}`;

let instructor: TSessionUser;
let cohortId: string;
let challengeId: string;

beforeAll(async () => {
  await syncChallenges({ dir: "tests/fixtures/pipeline" });
  const ch = await db().challenge.findUniqueOrThrow({ where: { slug: "s3-tls-only" } });
  challengeId = ch.id;
  instructor = await newUser("INSTRUCTOR");
  const cohort = await db().cohort.create({
    data: { name: "Analytics cohort", joinCode: `AN-${randomBytes(4).toString("hex")}`, createdById: instructor.id },
  });
  cohortId = cohort.id;
  await db().membership.create({ data: { userId: instructor.id, cohortId, role: "INSTRUCTOR" } });
  const [s1, s2, s3, outsider] = [await newUser(), await newUser(), await newUser(), await newUser()];
  for (const s of [s1, s2, s3]) await db().membership.create({ data: { userId: s.id, cohortId } });

  let t = Date.parse("2030-01-01T00:00:00Z");
  const add = async (
    userId: string,
    answer: string,
    score: number,
    cases: Parameters<typeof report>[0],
    gradable = true,
  ) => {
    const row = await db().submission.create({
      data: {
        userId,
        challengeId,
        challengeVersionId: ch.currentVersionId!,
        answer,
        status: "GRADED",
        gradable,
        score,
        points: score * ch.points,
        report: gradable ? report(cases) : { gradable: false, cases: [] },
        queuedAt: new Date((t += 1000)),
      },
    });
    // What the grading worker writes next to the report (server/grading/grade-submission.ts).
    if (gradable) {
      const failed = cases.filter(([, passed]) => !passed);
      if (failed.length)
        await db().submissionFailure.createMany({
          data: failed.map(([id, , tag]) => ({
            submissionId: row.id,
            caseId: id,
            userId,
            challengeId,
            caseName: `case ${id}`,
            misconception: tag ?? null,
          })),
        });
    }
    return row;
  };
  // s1: wrong, wrong, right (3 attempts); s2: an unparseable one (no attempt), then right (1);
  // s3: wrong twice, never solves. The outsider's failures must not count.
  await add(s1.id, WRONG_A, 0.5, [
    ["tls", false, "aws-securetransport"],
    ["get", true],
    ["put", false, "wildcard"],
  ]);
  await add(s1.id, WRONG_B, 0.5, [
    ["tls", false, "aws-securetransport"],
    ["get", true],
    ["put", true],
  ]);
  await add(s1.id, "right", 1, [
    ["tls", true],
    ["get", true],
    ["put", true],
  ]);
  await add(s2.id, "{ not json", 0, [], false);
  await add(s2.id, "right", 1, [
    ["tls", true],
    ["get", true],
    ["put", true],
  ]);
  await add(s3.id, WRONG_C, 0.25, [
    ["tls", true],
    ["get", false, "explicit-deny"],
    ["put", false, "wildcard"],
  ]);
  await add(s3.id, WRONG_A.replace('"One"', '"Two"'), 0.5, [
    ["tls", false, "aws-securetransport"],
    ["get", true],
    ["put", true],
  ]);
  await add(outsider.id, WRONG_C, 0, [
    ["tls", false, "aws-securetransport"],
    ["get", false],
    ["put", false],
  ]);
});

describe("analytics", () => {
  it("computes solve rate, attempts to solve, failing cases and the heatmap for a cohort", async () => {
    const a = await getAnalytics(instructor, { cohortId });
    expect(a.scope).toMatchObject({ cohort: { id: cohortId }, students: 3 });
    const c = a.challenges.find((x) => x.id === challengeId)!;
    expect(c).toMatchObject({ attempted: 3, solved: 2, submissions: 6 });
    expect(c.solveRate).toBeCloseTo(2 / 3);
    expect(a.distribution.find((d) => d.label === "1")!.count).toBe(1);
    expect(a.distribution.find((d) => d.label === "3")!.count).toBe(1);
    expect(a.distribution.reduce((n, d) => n + d.count, 0)).toBe(2);

    const tls = a.failedCases.find((f) => f.caseId === "tls")!;
    expect(tls).toMatchObject({ failures: 3, students: 2, misconception: "aws-securetransport" });
    expect(tls.share).toBeCloseTo(3 / 6);
    expect(a.failedCases[0]!.caseId).toBe("tls");
    expect(a.failedCases.find((f) => f.caseId === "put")).toMatchObject({ failures: 2 });

    expect(a.heatmap.cells["aws-securetransport"]![challengeId]).toBeCloseTo(3 / 6);
    expect(a.heatmap.cells["wildcard"]![challengeId]).toBeCloseTo(2 / 6);
    expect(a.heatmap.cells["explicit-deny"]![challengeId]).toBeCloseTo(1 / 6);
    expect(a.heatmap.tags[0]).toBe("aws-securetransport");
    expect(a.clusters).toBeNull();
  });

  it("clusters equivalent wrong policies of one challenge, with size and one example", async () => {
    const a = await getAnalytics(instructor, { cohortId, challengeId });
    expect(a.challenge).toMatchObject({ id: challengeId, medianAttemptsToSolve: 1 });
    expect(a.failingSubmissions).toBe(4);
    expect(a.clusters!.map((c) => [c.size, c.students])).toEqual([
      [3, 2],
      [1, 1],
    ]);
    expect([WRONG_A, WRONG_B, WRONG_A.replace('"One"', '"Two"')]).toContain(a.clusters![0]!.example);
    expect(a.clusters![1]!.example).toBe(WRONG_C);
  });

  it("canonicalizes policies and code", () => {
    expect(canonicalPolicy(WRONG_A)).toBe(canonicalPolicy(WRONG_B));
    expect(canonicalPolicy(WRONG_A)).not.toBe(canonicalPolicy(WRONG_C));
    const twoActions = (a: string[]) =>
      canonicalPolicy(JSON.stringify({ Statement: [{ Effect: "Allow", Action: a, Resource: "*" }] }));
    expect(twoActions(["s3:PutObject", "s3:GetObject"])).toBe(twoActions(["s3:getobject", "S3:PutObject"]));
    expect(canonicalPolicy("not json")).toBeNull();
    expect(canonicalCode("exports.handler = async (e) => {\n  // hi\n  return e; /* x */\n}")).toBe(
      canonicalCode("exports.handler=async(e)=>{return e;}"),
    );
    expect(canonicalCode('const a = "x  y";')).not.toBe(canonicalCode('const a = "x y";'));
  });

  it("admins see every cohort and the whole platform; others get not-found", async () => {
    const admin = await newUser("ADMIN");
    expect((await getAnalytics(admin, { cohortId })).scope.cohort?.id).toBe(cohortId);
    const all = await getAnalytics(admin, {});
    expect(all.scope.cohort).toBeNull();
    expect(all.challenges.find((x) => x.id === challengeId)!.attempted).toBeGreaterThanOrEqual(4);

    const otherInstructor = await newUser("INSTRUCTOR");
    expect((await failure(getAnalytics(otherInstructor, { cohortId }))).code).toBe("not-found");
    expect((await failure(getAnalytics(otherInstructor, {}))).code).toBe("not-found");
    expect((await failure(getAnalytics(instructor, { cohortId: "nope" }))).code).toBe("not-found");
    expect((await failure(getAnalytics(instructor, { cohortId, challengeId: "nope" }))).code).toBe("not-found");
    expect(
      (await failure(getAnalytics(instructor, { cohortId, challengeId: "00000000-0000-4000-8000-000000000000" }))).code,
    ).toBe("not-found");
    // A student who is a member of the cohort is no instructor of it.
    const student = await newUser();
    await db().membership.create({ data: { userId: student.id, cohortId } });
    expect((await failure(getAnalytics(student, { cohortId }))).code).toBe("forbidden");
    expect((await failure(getAnalytics(null, { cohortId }))).code).toBe("unauthenticated");
  });
});
