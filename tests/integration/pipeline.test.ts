// The grading pipeline with real parts: Postgres, a private redis-server, and real worker processes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import pg from "pg";
import {
  freePort,
  startRedisServer,
  startWorkerProcess,
  stopProcess,
  sleep,
  waitFor,
  type TProc,
} from "../helpers/processes";

const redisPort = await freePort();
// Set before any server module reads the environment.
process.env.REDIS_URL = `redis://127.0.0.1:${redisPort}`;
process.env.SUBMIT_BURST = "100000";
process.env.SUBMIT_PER_MINUTE = "100000";
const DATABASE_URL = process.env.DATABASE_URL!;
const workerEnv = (extra: Record<string, string> = {}) => ({
  DATABASE_URL,
  REDIS_URL: process.env.REDIS_URL!,
  REDIS_PREFIX: process.env.REDIS_PREFIX!,
  WORKER_CONCURRENCY: "4",
  ...extra,
});

const { db } = await import("@/server/db");
const { syncChallenges } = await import("@/server/challenges/sync-challenges");
const { createSubmission } = await import("@/server/submissions/create-submission");
const { getOwnSubmission } = await import("@/server/submissions/get-submission");
const { enqueueGrade, gradingQueue } = await import("@/server/queue/producer");
const { signUp } = await import("@/server/users/sign-up");
const { loadSessionUser } = await import("@/server/users/load-session-user");

const POLICY = "s3-tls-only";
const TRIGGER = "cognito-presignup-domain-allowlist";
const fixture = (p: string) => readFileSync(`tests/fixtures/pipeline/${p}`, "utf8");
const policySolution = fixture(`${POLICY}/solution.json`);
const policyWrong = fixture(`${POLICY}/mutants/allow-only-over-tls.json`);
const triggerSolution = fixture(`${TRIGGER}/solution.js`);
/** The right answer, but each case spins for `ms` first: a window to kill things mid-grading. */
const slowTrigger = (ms: number) =>
  triggerSolution.replace(
    "exports.handler = async (event) => {",
    `exports.handler = async (event) => {\n  const __end = Date.now() + ${ms}; while (Date.now() < __end) {}`,
  );

let redis: TProc;
const workers: TProc[] = [];

async function newStudent() {
  const email = `pipe-${randomBytes(5).toString("hex")}@example.com`;
  const { id } = await signUp({ email, name: "Pipeline Student", password: "pipeline-password" });
  return (await loadSessionUser(id, 0))!;
}
const statusOf = async (id: string) => (await db().submission.findUniqueOrThrow({ where: { id } })).status;
const gradedRow = (id: string, timeoutMs = 30_000) =>
  waitFor(
    async () => {
      const s = await db().submission.findUniqueOrThrow({ where: { id } });
      return s.status === "GRADED" || s.status === "ERROR" ? s : null;
    },
    { timeoutMs, what: `submission ${id} to be graded` },
  );

beforeAll(async () => {
  redis = await startRedisServer(redisPort);
  const summary = await syncChallenges({ dir: "tests/fixtures/pipeline" });
  expect(summary.skipped).toEqual([]);
  const live = await db().challenge.findMany({
    where: { slug: { in: [POLICY, TRIGGER] }, retiredAt: null, currentVersionId: { not: null } },
  });
  expect(live.map((c) => c.slug).sort()).toEqual([TRIGGER, POLICY].sort());
  workers.push(await startWorkerProcess(workerEnv()));
});

afterAll(async () => {
  for (const w of workers) await stopProcess(w, "SIGKILL");
  await gradingQueue().close();
  await stopProcess(redis);
});

describe("grading pipeline", () => {
  it("the worker says how student code is contained, and refuses to start when the sandbox cannot run", async () => {
    // The worker started in beforeAll: bubblewrap with the seccomp filter (CI installs bubblewrap).
    expect(workers[0].output()).toMatch(/"sandbox":\{"containment":"bwrap","seccomp":true\}[^\n]*"worker ready"/);
    // SANDBOX_BWRAP=required on a machine without bwrap on PATH: exit 1 and why, before any job.
    const refused = spawnSync(process.execPath, ["--no-node-snapshot", "--import", "tsx", "worker/main.ts"], {
      env: { ...process.env, ...workerEnv(), PATH: "/nonexistent", SANDBOX_BWRAP: "required", LOG_LEVEL: "info" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(refused.status).toBe(1);
    expect(refused.stdout + refused.stderr).toMatch(
      /SANDBOX_BWRAP=required but bubblewrap cannot be used: bwrap is not on PATH[^\n]*"worker could not start"/,
    );
    expect(refused.stdout + refused.stderr).not.toContain("worker ready");
  });

  it("grades a wrong and a right policy answer, keeps the best score, and hides hidden cases from the owner", async () => {
    const student = await newStudent();
    const wrong = await createSubmission(student, { challenge: POLICY, answer: policyWrong });
    expect(wrong.status).toBe("QUEUED");
    const wrongRow = await gradedRow(wrong.id);
    expect(wrongRow.status).toBe("GRADED");
    expect(wrongRow.score).toBeLessThan(1);
    const failures = await db().submissionFailure.findMany({ where: { submissionId: wrong.id } });
    expect(failures.length).toBe(
      (wrongRow.report as { cases: { passed: boolean }[] }).cases.filter((c) => !c.passed).length,
    );
    expect(failures.length).toBeGreaterThan(0);
    const right = await createSubmission(student, { challenge: POLICY, answer: policySolution });
    const rightRow = await gradedRow(right.id);
    expect(rightRow.score).toBe(1);

    const best = await db().bestScore.findUniqueOrThrow({
      where: { userId_challengeId: { userId: student.id, challengeId: rightRow.challengeId } },
    });
    expect(best).toMatchObject({ bestScore: 1, attempts: 2 });
    expect(best.solvedAt).not.toBeNull();
    const total = await db().userTotal.findUniqueOrThrow({ where: { userId: student.id } });
    expect(total.totalPoints).toBe(rightRow.points);
    expect(total.solvedCount).toBe(1);

    const view = await getOwnSubmission(student, wrong.id);
    const hidden = (
      view.report as { cases: { visibility: string; explain?: unknown; actual?: unknown }[] }
    ).cases.filter((c) => c.visibility === "hidden");
    expect(hidden.length).toBeGreaterThan(0);
    for (const c of hidden) expect(c.explain ?? null).toBeNull();
    const other = await newStudent();
    await expect(getOwnSubmission(other, wrong.id)).rejects.toMatchObject({ code: "not-found" });
  });

  it("hints revealed before a submission cost their points; the score still counts as solved", async () => {
    const student = await newStudent();
    const ch = await db().challenge.findUniqueOrThrow({ where: { slug: POLICY }, include: { currentVersion: true } });
    const hints = (ch.currentVersion!.spec as { hints: { cost?: number }[] }).hints;
    const paid = hints.findIndex((h) => (h.cost ?? 0) > 0);
    expect(paid).toBeGreaterThanOrEqual(0);
    await db().hintReveal.create({
      data: { userId: student.id, challengeId: ch.id, hintIndex: paid, revealedAt: new Date(Date.now() - 1000) },
    });
    const s = await createSubmission(student, { challenge: POLICY, answer: policySolution });
    const row = await gradedRow(s.id);
    expect(row.score).toBe(1);
    expect(row.points).toBe(ch.points - hints[paid].cost!);
    const best = await db().bestScore.findFirstOrThrow({ where: { userId: student.id } });
    expect(best.bestPoints).toBe(ch.points - hints[paid].cost!);
    expect(best.solvedAt).not.toBeNull();
  });

  it("an unparseable answer is graded as not gradable and costs no attempt", async () => {
    const student = await newStudent();
    const s = await createSubmission(student, { challenge: POLICY, answer: "{ not json" });
    const row = await gradedRow(s.id);
    expect(row).toMatchObject({ status: "GRADED", gradable: false });
    expect(await db().bestScore.count({ where: { userId: student.id } })).toBe(0);
  });

  it("a double click and a job enqueued twice grade once", async () => {
    const student = await newStudent();
    const [a, b] = await Promise.all([
      createSubmission(student, { challenge: POLICY, answer: policySolution }),
      createSubmission(student, { challenge: POLICY, answer: policySolution }),
    ]);
    expect(b.id).toBe(a.id);
    expect([a.isDuplicate, b.isDuplicate].sort()).toEqual([false, true]);
    expect(await enqueueGrade(a.id)).toBe(true);
    expect(await enqueueGrade(a.id)).toBe(true);
    await gradedRow(a.id);
    await sleep(1_000);
    expect(await db().submission.count({ where: { userId: student.id } })).toBe(1);
    const best = await db().bestScore.findFirstOrThrow({ where: { userId: student.id } });
    expect(best.attempts).toBe(1);
  });

  it("a worker killed with SIGKILL mid-grading: a restarted worker grades it, exactly once", async () => {
    const student = await newStudent();
    const s = await createSubmission(student, { challenge: TRIGGER, answer: slowTrigger(1_500) });
    await waitFor(async () => (await statusOf(s.id)) === "RUNNING", { timeoutMs: 20_000, what: "RUNNING" });
    await sleep(500);
    for (const w of workers.splice(0)) await stopProcess(w, "SIGKILL");
    expect(await statusOf(s.id)).toBe("RUNNING");
    workers.push(await startWorkerProcess(workerEnv()));
    const row = await gradedRow(s.id, 60_000);
    expect(row).toMatchObject({ status: "GRADED", score: 1 });
    const best = await db().bestScore.findFirstOrThrow({ where: { userId: student.id } });
    expect(best.attempts).toBe(1);
  });

  it("Redis down at submit time: the row waits as QUEUED and is graded within 15 s of Redis coming back", async () => {
    const student = await newStudent();
    await stopProcess(redis);
    const s = await createSubmission(student, { challenge: POLICY, answer: policySolution });
    expect(s.status).toBe("QUEUED");
    await sleep(3_000);
    expect(await statusOf(s.id)).toBe("QUEUED");
    redis = await startRedisServer(redisPort);
    const back = Date.now();
    const row = await gradedRow(s.id, 30_000);
    expect(row.status).toBe("GRADED");
    expect(Date.now() - back).toBeLessThan(15_000);
  });

  it("the database drops the worker's connections during grading: retried and graded", async () => {
    for (const w of workers.splice(0)) await stopProcess(w);
    const url = new URL(DATABASE_URL);
    url.searchParams.set("application_name", "bastion-chaos-worker");
    workers.push(await startWorkerProcess(workerEnv({ DATABASE_URL: url.toString() })));
    const student = await newStudent();
    const s = await createSubmission(student, { challenge: TRIGGER, answer: slowTrigger(700) });
    await waitFor(async () => (await statusOf(s.id)) === "RUNNING", { timeoutMs: 20_000, what: "RUNNING" });
    const admin = new pg.Client({ connectionString: DATABASE_URL });
    await admin.connect();
    let killed = 0;
    for (let i = 0; i < 8; i++) {
      const r = await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'bastion-chaos-worker'`,
      );
      killed += r.rowCount ?? 0;
      await sleep(700);
    }
    await admin.end();
    expect(killed).toBeGreaterThan(0);
    const row = await gradedRow(s.id, 60_000);
    expect(row).toMatchObject({ status: "GRADED", score: 1 });
    expect(workers[0].proc.exitCode).toBeNull();
    const best = await db().bestScore.findFirstOrThrow({ where: { userId: student.id } });
    expect(best.attempts).toBe(1);
  });

  it("1,000 submissions from 50 users at once: all graded, and every best score matches a recomputation", async () => {
    workers.push(await startWorkerProcess(workerEnv()));
    const students = await Promise.all(Array.from({ length: 50 }, () => newStudent()));
    const answers = [policySolution, policyWrong, "{ not json"];
    const ids: string[] = [];
    for (let round = 0; round < 20; round++) {
      const batch = await Promise.all(
        students.map((st, i) =>
          createSubmission(st, { challenge: POLICY, answer: `${answers[(i + round) % 3]}${" ".repeat(round)}` }),
        ),
      );
      ids.push(...batch.map((b) => b.id));
    }
    expect(new Set(ids).size).toBe(1_000);
    await waitFor(
      async () =>
        (await db().submission.count({ where: { id: { in: ids }, status: { in: ["GRADED", "ERROR"] } } })) === 1_000,
      {
        timeoutMs: 120_000,
        intervalMs: 500,
        what: "1,000 graded submissions",
      },
    );
    expect(await db().submission.count({ where: { id: { in: ids }, status: "GRADED" } })).toBe(1_000);
    const userIds = students.map((s) => s.id);
    const recomputed = await db().$queryRaw<{ userId: string; best: number; attempts: bigint; reached: Date }[]>`
      SELECT "userId", MAX(points) AS best, COUNT(*) AS attempts,
             MIN("gradedAt") FILTER (WHERE points = (SELECT MAX(points) FROM "Submission" s2 WHERE s2."userId" = s."userId" AND s2.gradable)) AS reached
      FROM "Submission" s WHERE gradable AND "userId" = ANY(${userIds}::uuid[]) GROUP BY "userId"`;
    const bests = await db().bestScore.findMany({ where: { userId: { in: userIds } } });
    expect(bests).toHaveLength(50);
    for (const r of recomputed) {
      const b = bests.find((x) => x.userId === r.userId)!;
      expect(b.bestPoints).toBe(r.best);
      expect(b.attempts).toBe(Number(r.attempts));
      expect(b.reachedAt.getTime()).toBe(r.reached.getTime());
      const total = await db().userTotal.findUniqueOrThrow({ where: { userId: r.userId } });
      expect(total.totalPoints).toBe(r.best);
    }
  });
});
