// Instructor use cases called directly with each kind of actor: who may do what, the progress
// matrix against the rows it summarises, and the CSV exports' quoting.
import { beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { db } from "@/server/db";
import type { TSessionUser } from "@/server/authz";
import { signUp } from "@/server/users/sign-up";
import { loadSessionUser } from "@/server/users/load-session-user";
import { syncChallenges } from "@/server/challenges/sync-challenges";
import { createCohort } from "@/server/cohorts/create-cohort";
import { renameCohort } from "@/server/cohorts/rename-cohort";
import { setCohortArchived } from "@/server/cohorts/set-cohort-archived";
import { rotateJoinCode } from "@/server/cohorts/rotate-join-code";
import { listTaughtCohorts } from "@/server/cohorts/list-taught-cohorts";
import { getCohortRoster } from "@/server/cohorts/get-cohort-roster";
import { removeStudent } from "@/server/cohorts/remove-student";
import { addCoInstructor } from "@/server/cohorts/add-co-instructor";
import { removeCoInstructor } from "@/server/cohorts/remove-co-instructor";
import { joinCohort } from "@/server/cohorts/join-cohort";
import { createAssignments } from "@/server/instructor/create-assignments";
import { listAssignments } from "@/server/instructor/list-assignments";
import { updateAssignment } from "@/server/instructor/update-assignment";
import { removeAssignment } from "@/server/instructor/remove-assignment";
import { setExtension } from "@/server/instructor/set-extension";
import { removeExtension } from "@/server/instructor/remove-extension";
import { getProgressMatrix } from "@/server/instructor/get-progress-matrix";
import { getStudentAttempts } from "@/server/instructor/get-student-attempts";
import { exportGradebook } from "@/server/instructor/export-gradebook";
import { exportSubmissions } from "@/server/instructor/export-submissions";
import { csvField, toCsv } from "@/server/instructor/csv";
import { parseLocalDateTime } from "@/server/instructor/dates";
import { failure } from "../helpers/app-error";

const POLICY = "s3-tls-only";
const TRIGGER = "cognito-presignup-domain-allowlist";

async function newUser(role: "STUDENT" | "INSTRUCTOR" | "ADMIN", name = `${role} ${randomBytes(2).toString("hex")}`) {
  const email = `instr-${randomBytes(5).toString("hex")}@example.com`;
  const { id } = await signUp({ email, name, password: "instructor-password" });
  if (role !== "STUDENT") await db().user.update({ where: { id }, data: { role } });
  return (await loadSessionUser(id, 0))!;
}

let teacher: TSessionUser,
  otherTeacher: TSessionUser,
  admin: TSessionUser,
  student: TSessionUser,
  student2: TSessionUser;
let cohortId: string;
let challengeIds: Record<string, { id: string; versionId: string; points: number }>;

beforeAll(async () => {
  await syncChallenges({ dir: "tests/fixtures/pipeline" });
  const rows = await db().challenge.findMany({ where: { slug: { in: [POLICY, TRIGGER] } } });
  challengeIds = Object.fromEntries(
    rows.map((r) => [r.slug, { id: r.id, versionId: r.currentVersionId!, points: r.points }]),
  );
  [teacher, otherTeacher, admin, student, student2] = await Promise.all([
    newUser("INSTRUCTOR", "Teacher One"),
    newUser("INSTRUCTOR", "Teacher Two"),
    newUser("ADMIN"),
    newUser("STUDENT", "Zoe Student"),
    newUser("STUDENT", "Adam Student"),
  ]);
  ({ id: cohortId } = await createCohort(teacher, { name: "  Security 101  " }));
  await createCohort(otherTeacher, { name: "Another class" });
});

describe("who may do what", () => {
  it("creates a cohort with its creator as instructor; only instructors may create one", async () => {
    const c = await db().cohort.findUniqueOrThrow({ where: { id: cohortId }, include: { memberships: true } });
    expect(c.name).toBe("Security 101");
    expect(c.joinCode).toMatch(/^[A-Z2-9]{8}$/);
    expect(c.memberships).toEqual([expect.objectContaining({ userId: teacher.id, role: "INSTRUCTOR" })]);
    expect((await failure(createCohort(student, { name: "Mine" }))).code).toBe("forbidden");
    expect((await failure(createCohort(teacher, { name: "   " }))).fields?.name).toBe("give the cohort a name");
  });

  it("lists only the cohorts an instructor teaches; an admin sees all", async () => {
    expect((await listTaughtCohorts(teacher)).map((c) => c.id)).toEqual([cohortId]);
    expect((await listTaughtCohorts(otherTeacher)).map((c) => c.id)).not.toContain(cohortId);
    expect((await listTaughtCohorts(admin)).map((c) => c.id)).toContain(cohortId);
    expect((await failure(listTaughtCohorts(student))).code).toBe("forbidden");
  });

  it("every cohort use case: allowed for its instructor and an admin, not-found for another instructor, forbidden for a student", async () => {
    const calls: [string, (actor: TSessionUser) => Promise<unknown>][] = [
      ["roster", (a) => getCohortRoster(a, cohortId)],
      ["assignments", (a) => listAssignments(a, cohortId)],
      ["matrix", (a) => getProgressMatrix(a, cohortId)],
      ["gradebook", (a) => exportGradebook(a, cohortId)],
      ["submissions", (a) => exportSubmissions(a, cohortId)],
      ["rename", (a) => renameCohort(a, cohortId, { name: "Security 101" })],
      ["archive off", (a) => setCohortArchived(a, cohortId, false)],
    ];
    for (const [what, call] of calls) {
      await expect(
        call(teacher).then(() => "ok"),
        what,
      ).resolves.toBe("ok");
      await expect(
        call(admin).then(() => "ok"),
        what,
      ).resolves.toBe("ok");
      expect((await failure(call(otherTeacher))).code, what).toBe("not-found");
      expect((await failure(call(student))).code, what).toBe("forbidden");
    }
    // Ids that are not cohorts, and junk, are "not found" too.
    expect((await failure(getProgressMatrix(teacher, "00000000-0000-7000-8000-000000000000"))).code).toBe("not-found");
    expect((await failure(getProgressMatrix(teacher, "../etc"))).code).toBe("not-found");
    expect((await failure(rotateJoinCode(otherTeacher, cohortId))).code).toBe("not-found");
    expect((await failure(removeStudent(otherTeacher, cohortId, student.id))).code).toBe("not-found");
  });

  it("co-instructors: added by email when they are instructors, then they see the cohort; the last one stays", async () => {
    const extra = await newUser("INSTRUCTOR", "Co Teacher");
    expect((await failure(getProgressMatrix(extra, cohortId))).code).toBe("not-found");
    expect((await failure(addCoInstructor(teacher, cohortId, { email: student.email }))).code).toBe("not-found");
    expect((await failure(addCoInstructor(teacher, cohortId, { email: "nobody@example.com" }))).code).toBe("not-found");
    expect((await failure(addCoInstructor(otherTeacher, cohortId, { email: extra.email }))).code).toBe("not-found");
    await addCoInstructor(teacher, cohortId, { email: extra.email.toUpperCase() });
    await expect(getProgressMatrix(extra, cohortId)).resolves.toBeDefined();
    expect((await getCohortRoster(extra, cohortId)).instructors.map((i) => i.userId).sort()).toEqual(
      [teacher.id, extra.id].sort(),
    );
    await removeCoInstructor(teacher, cohortId, extra.id);
    expect((await failure(getProgressMatrix(extra, cohortId))).code).toBe("not-found");
    expect((await failure(removeCoInstructor(teacher, cohortId, teacher.id))).code).toBe("conflict");
  });

  it("join code: rotating stops the old one; archiving refuses joins; roster lists students with join dates", async () => {
    const before = (await db().cohort.findUniqueOrThrow({ where: { id: cohortId } })).joinCode;
    const { joinCode } = await rotateJoinCode(teacher, cohortId);
    expect(joinCode).not.toBe(before);
    expect((await failure(joinCohort(student, before))).code).toBe("not-found");
    await setCohortArchived(teacher, cohortId, true);
    expect((await failure(joinCohort(student, joinCode))).code).toBe("not-found");
    await setCohortArchived(teacher, cohortId, false);
    await joinCohort(student, joinCode.toLowerCase());
    await joinCohort(student2, joinCode);
    const roster = await getCohortRoster(teacher, cohortId);
    expect(roster.students.map((s) => s.name)).toEqual(["Adam Student", "Zoe Student"]);
    expect(roster.students[0].joinedAt).toBeInstanceOf(Date);
  });
});

describe("assignments, matrix, attempts and exports", () => {
  it("assigns challenges with dates, edits and extends them; other cohorts' ids are not found", async () => {
    const r = await createAssignments(teacher, cohortId, {
      slugs: [POLICY, TRIGGER],
      opensAt: "2020-01-01T09:00",
      dueAt: "2030-01-01T17:00",
      tzOffset: -60,
    });
    expect(r.created).toBe(2);
    const { assignments } = await listAssignments(teacher, cohortId);
    const policy = assignments.find((a) => a.slug === POLICY)!;
    expect(policy.dueAt?.toISOString()).toBe("2030-01-01T16:00:00.000Z");
    expect((await failure(createAssignments(teacher, cohortId, { slugs: ["no-such-thing"], tzOffset: 0 }))).code).toBe(
      "invalid-input",
    );
    expect(
      (
        await failure(
          updateAssignment(teacher, cohortId, policy.id, {
            opensAt: "2030-02-01T00:00",
            dueAt: "2030-01-01T00:00",
            tzOffset: 0,
          }),
        )
      ).fields?.dueAt,
    ).toMatch(/after the opening/);
    // The policy assignment's due date is in the past, with an extension for one student.
    await updateAssignment(teacher, cohortId, policy.id, {
      opensAt: "2020-01-01T00:00",
      dueAt: "2021-01-01T00:00",
      tzOffset: 0,
    });
    await setExtension(teacher, cohortId, policy.id, { userId: student2.id, dueAt: "2099-01-01T00:00", tzOffset: 0 });
    expect(
      (await listAssignments(teacher, cohortId)).assignments.find((a) => a.id === policy.id)!.extensions,
    ).toHaveLength(1);
    // Tampering: another instructor, another cohort's assignment, a non-student.
    expect(
      (
        await failure(
          setExtension(otherTeacher, cohortId, policy.id, { userId: student.id, dueAt: "2099-01-01T00:00" }),
        )
      ).code,
    ).toBe("not-found");
    expect(
      (
        await failure(
          setExtension(teacher, cohortId, policy.id, { userId: otherTeacher.id, dueAt: "2099-01-01T00:00" }),
        )
      ).code,
    ).toBe("not-found");
    const [otherCohort] = await listTaughtCohorts(otherTeacher);
    expect((await failure(removeAssignment(otherTeacher, otherCohort.id, policy.id))).code).toBe("not-found");
    await removeExtension(teacher, cohortId, policy.id, student2.id);
    await setExtension(teacher, cohortId, policy.id, { userId: student2.id, dueAt: "2099-01-01T00:00", tzOffset: 0 });
  });

  it("the matrix's numbers match the rows: best score, attempts, solved time, late flag, totals", async () => {
    const p = challengeIds[POLICY];
    const t = challengeIds[TRIGGER];
    const solvedAt = new Date("2024-05-01T10:00:00Z");
    const sub = (userId: string, c: typeof p, late: boolean, score: number, answer: string, at: string) =>
      db().submission.create({
        data: {
          userId,
          challengeId: c.id,
          challengeVersionId: c.versionId,
          cohortId,
          answer,
          late,
          status: "GRADED",
          gradable: true,
          score,
          points: score * c.points,
          queuedAt: new Date(at),
          report: {
            gradable: true,
            score,
            points: score * c.points,
            maxPoints: c.points,
            diagnostics: [],
            constraints: [],
            cases: [
              {
                id: "h1",
                name: "a hidden case",
                visibility: "hidden",
                passed: score === 1,
                points: 1,
                earned: score === 1 ? 1 : 0,
                expected: "Deny",
                actual: { decision: "Allow" },
                explain: null,
              },
            ],
            timings: { totalMs: 1, parseMs: 0, casesMs: 1 },
          },
        },
      });
    await sub(student.id, p, true, 0.5, '{\n  "Version": "2012-10-17"\n}', "2024-04-01T10:00:00Z");
    await sub(student.id, p, true, 1, '{\n  "Version": "2012-10-17",\n  "Statement": []\n}', "2024-05-01T10:00:00Z");
    await sub(student2.id, t, false, 0.25, "exports.handler = async (e) => e;", "2024-04-02T10:00:00Z");
    await db().bestScore.createMany({
      data: [
        {
          userId: student.id,
          challengeId: p.id,
          bestScore: 1,
          bestPoints: p.points,
          reachedAt: solvedAt,
          attempts: 2,
          solvedAt,
        },
        {
          userId: student2.id,
          challengeId: t.id,
          bestScore: 0.25,
          bestPoints: 0.25 * t.points,
          reachedAt: solvedAt,
          attempts: 1,
        },
      ],
    });

    const m = await getProgressMatrix(teacher, cohortId);
    expect(m.studentCount).toBe(2);
    expect(m.rows.map((r) => r.name)).toEqual(["Adam Student", "Zoe Student"]);
    const pi = m.columns.findIndex((c) => c.slug === POLICY);
    const ti = m.columns.findIndex((c) => c.slug === TRIGGER);
    const zoe = m.rows.find((r) => r.userId === student.id)!;
    const adam = m.rows.find((r) => r.userId === student2.id)!;
    expect(zoe.cells[pi]).toEqual({
      bestScore: 1,
      bestPoints: p.points,
      attempts: 2,
      solvedAt,
      isLate: true,
      pending: 0,
    });
    expect(zoe.cells[ti]).toMatchObject({ bestScore: null, attempts: 0, isLate: false });
    expect(adam.cells[ti]).toMatchObject({ bestScore: 0.25, attempts: 1, solvedAt: null, isLate: false });
    expect(zoe.totalPoints).toBe(p.points);
    expect(zoe.solved).toBe(1);
    expect(adam.totalPoints).toBe(0.25 * t.points);
    expect(m.columnTotals[pi]).toMatchObject({ solved: 1, attempted: 1, meanScore: 0.5, attempts: 2 });
    expect(m.columnTotals[ti]).toMatchObject({ solved: 0, attempted: 1, meanScore: 0.125, attempts: 1 });
    expect(m.maxPoints).toBe(p.points + t.points);

    // Filters and sorting.
    expect((await getProgressMatrix(teacher, cohortId, { q: "zoe" })).rows.map((r) => r.userId)).toEqual([student.id]);
    expect((await getProgressMatrix(teacher, cohortId, { status: "late" })).rows.map((r) => r.userId)).toEqual([
      student.id,
    ]);
    expect((await getProgressMatrix(teacher, cohortId, { status: "solved" })).rows.map((r) => r.userId)).toEqual([
      student.id,
    ]);
    expect(
      (await getProgressMatrix(teacher, cohortId, { status: "not-started", challenge: POLICY })).rows.map(
        (r) => r.userId,
      ),
    ).toEqual([student2.id]);
    expect((await getProgressMatrix(teacher, cohortId, { sort: "points", dir: "desc" })).rows[0].userId).toBe(
      p.points > 0.25 * t.points ? student.id : student2.id,
    );
    expect((await getProgressMatrix(teacher, cohortId, { sort: "name", dir: "desc" })).rows[0].name).toBe(
      "Zoe Student",
    );
    expect((await getProgressMatrix(teacher, cohortId, { status: "bogus", sort: "x y" })).rows).toHaveLength(2);
  });

  it("attempt review: the full report (hidden cases included) for the cohort's instructors only", async () => {
    const v = await getStudentAttempts(teacher, cohortId, student.id, POLICY);
    expect(v.attempts.map((a) => a.number)).toEqual([1, 2]);
    expect(v.attempts[1].answer).toContain('"Statement": []');
    expect(v.attempts[0].report?.cases[0]).toMatchObject({
      visibility: "hidden",
      expected: "Deny",
      actual: { decision: "Allow" },
    });
    expect(v.best?.attempts).toBe(2);
    await expect(getStudentAttempts(admin, cohortId, student.id, POLICY)).resolves.toBeDefined();
    expect((await failure(getStudentAttempts(otherTeacher, cohortId, student.id, POLICY))).code).toBe("not-found");
    expect((await failure(getStudentAttempts(teacher, cohortId, otherTeacher.id, POLICY))).code).toBe("not-found");
    expect((await failure(getStudentAttempts(teacher, cohortId, student.id, "iam-require-mfa"))).code).toBe(
      "not-found",
    );
    expect((await failure(getStudentAttempts(student, cohortId, student.id, POLICY))).code).toBe("forbidden");
  });

  it("gradebook and submissions CSV hold the matrix's numbers, quoted per RFC 4180", async () => {
    const g = await exportGradebook(teacher, cohortId);
    expect(g.fileName).toBe("security-101-gradebook.csv");
    const lines = g.csv.split("\r\n");
    expect(lines[0]).toMatch(/^Student,Email,.*,Total points,Solved$/);
    const m = await getProgressMatrix(teacher, cohortId);
    const zoe = m.rows.find((r) => r.userId === student.id)!;
    expect(lines).toContain(
      ["Zoe Student", student.email, ...zoe.cells.map((c) => c.bestPoints), zoe.totalPoints, 1].join(","),
    );
    expect(lines).toHaveLength(2 + 2 + 1 - 1); // header, two students, trailing empty after the last CRLF

    const s = await exportSubmissions(teacher, cohortId);
    expect(s.csv).toContain('"{\n  ""Version"": ""2012-10-17"",\n  ""Statement"": []\n}"');
    expect(s.csv.split("\r\n")[0]).toBe("Student,Email,Challenge,Submitted at (UTC),Status,Score,Points,Late,Answer");
    expect(s.csv).toContain(`Zoe Student,${student.email},${POLICY},2024-04-01T10:00:00.000Z,GRADED,0.5,`);
  });

  it("removing a student drops them from the matrix and exports, keeping their submissions", async () => {
    await removeStudent(teacher, cohortId, student2.id);
    const m = await getProgressMatrix(teacher, cohortId);
    expect(m.rows.map((r) => r.userId)).toEqual([student.id]);
    expect((await exportGradebook(teacher, cohortId)).csv).not.toContain("Adam Student");
    expect(await db().submission.count({ where: { userId: student2.id } })).toBe(1);
    expect((await failure(removeStudent(teacher, cohortId, student2.id))).code).toBe("not-found");
  });
});

describe("csv and dates", () => {
  it("quotes commas, quotes and newlines, and defuses formulas", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("cr\rlf")).toBe('"cr\rlf"');
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField("+1")).toBe("'+1");
    expect(csvField("-2")).toBe("'-2");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField(-2)).toBe("-2");
    expect(csvField(null)).toBe("");
    expect(csvField(true)).toBe("true");
    expect(
      toCsv([
        ["a", "b"],
        [1, "x,y"],
      ]),
    ).toBe('a,b\r\n1,"x,y"\r\n');
  });

  it("reads datetime-local values in the browser's zone", () => {
    expect(parseLocalDateTime("2026-03-01T17:00", -60)?.toISOString()).toBe("2026-03-01T16:00:00.000Z");
    expect(parseLocalDateTime("2026-03-01T17:00", 300)?.toISOString()).toBe("2026-03-01T22:00:00.000Z");
    expect(parseLocalDateTime("yesterday", 0)).toBeNull();
  });
});
