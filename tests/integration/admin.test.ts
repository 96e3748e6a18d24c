// Admin use cases: roles, disabling (sessions end at once), self-protection, forbidden for non-admins,
// the challenge catalogue and sync, and the queue view with a retry.
import { afterAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { Queue, Worker } from "bullmq";
import { db } from "@/server/db";
import { signUp } from "@/server/users/sign-up";
import { loadSessionUser } from "@/server/users/load-session-user";
import { verifyCredentials } from "@/server/users/verify-credentials";
import { listUsers } from "@/server/admin/list-users";
import { setUserRole } from "@/server/admin/set-user-role";
import { setUserDisabled } from "@/server/admin/set-user-disabled";
import { listChallengesForAdmin } from "@/server/admin/list-challenges-admin";
import { syncChallengesNow } from "@/server/admin/sync-challenges-now";
import { getQueueStatus } from "@/server/admin/get-queue-status";
import { retryFailedJob } from "@/server/admin/retry-failed-job";
import { createRedis } from "@/server/redis";
import type { TSessionUser } from "@/server/authz";
import { failure } from "../helpers/app-error";

const PASSWORD = "admin-test-password";

async function newUser(role: "STUDENT" | "INSTRUCTOR" | "ADMIN" = "STUDENT") {
  const email = `adm-${randomBytes(5).toString("hex")}@example.com`;
  const { id } = await signUp({ email, name: `Person ${email.slice(4, 9)}`, password: PASSWORD });
  if (role !== "STUDENT") await db().user.update({ where: { id }, data: { role } });
  return (await loadSessionUser(id, 0))! as TSessionUser;
}

const cleanup: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const f of cleanup.reverse()) await f();
});

describe("admin users", () => {
  it("searches by email and by name, case-insensitively", async () => {
    const admin = await newUser("ADMIN");
    const u = await newUser();
    expect((await listUsers(admin, { query: u.email.toUpperCase() })).map((x) => x.id)).toEqual([u.id]);
    expect((await listUsers(admin, { query: u.name.toLowerCase() })).map((x) => x.id)).toContain(u.id);
  });

  it("changes a role, which ends the user's open sessions", async () => {
    const admin = await newUser("ADMIN");
    const u = await newUser();
    expect(await loadSessionUser(u.id, u.sessionVersion)).not.toBeNull();
    expect(await setUserRole(admin, { userId: u.id, role: "INSTRUCTOR" })).toMatchObject({ role: "INSTRUCTOR" });
    expect(await loadSessionUser(u.id, u.sessionVersion)).toBeNull();
    const again = await verifyCredentials(u.email, PASSWORD, "198.51.100.7");
    expect(again.role).toBe("INSTRUCTOR");
    expect(await loadSessionUser(u.id, again.sessionVersion)).toMatchObject({ role: "INSTRUCTOR" });
    expect((await failure(setUserRole(admin, { userId: u.id, role: "ROOT" }))).code).toBe("invalid-input");
    expect((await failure(setUserRole(admin, { userId: "not-a-uuid", role: "ADMIN" }))).code).toBe("invalid-input");
  });

  it("disabling ends sessions at once and refuses sign-in; enabling lets the user sign in again", async () => {
    const admin = await newUser("ADMIN");
    const u = await newUser();
    const session = await verifyCredentials(u.email, PASSWORD, "198.51.100.8");
    expect(await loadSessionUser(u.id, session.sessionVersion)).not.toBeNull();

    await setUserDisabled(admin, { userId: u.id, disabled: true });
    expect(await loadSessionUser(u.id, session.sessionVersion)).toBeNull();
    const refused = await failure(verifyCredentials(u.email, PASSWORD, "198.51.100.8"));
    expect(refused.message).toMatch(/disabled/);

    await setUserDisabled(admin, { userId: u.id, disabled: false });
    // The old token stays dead (its sessionVersion moved on); a fresh sign-in works.
    expect(await loadSessionUser(u.id, session.sessionVersion)).toBeNull();
    const fresh = await verifyCredentials(u.email, PASSWORD, "198.51.100.8");
    expect(await loadSessionUser(u.id, fresh.sessionVersion)).not.toBeNull();
  });

  it("an admin cannot disable or demote themselves", async () => {
    const admin = await newUser("ADMIN");
    expect((await failure(setUserDisabled(admin, { userId: admin.id, disabled: true }))).code).toBe("forbidden");
    expect((await failure(setUserRole(admin, { userId: admin.id, role: "STUDENT" }))).code).toBe("forbidden");
    const row = await db().user.findUniqueOrThrow({ where: { id: admin.id } });
    expect(row).toMatchObject({ disabled: false, role: "ADMIN", sessionVersion: admin.sessionVersion });
  });

  it("refuses students, instructors and signed-out callers, changing nothing", async () => {
    const target = await newUser();
    for (const actor of [await newUser(), await newUser("INSTRUCTOR"), null]) {
      const expected = actor ? "forbidden" : "unauthenticated";
      expect((await failure(listUsers(actor))).code).toBe(expected);
      expect((await failure(setUserRole(actor, { userId: target.id, role: "ADMIN" }))).code).toBe(expected);
      expect((await failure(setUserDisabled(actor, { userId: target.id, disabled: true }))).code).toBe(expected);
      expect((await failure(listChallengesForAdmin(actor))).code).toBe(expected);
      expect((await failure(syncChallengesNow(actor, "tests/fixtures/pipeline"))).code).toBe(expected);
      expect((await failure(getQueueStatus(actor))).code).toBe(expected);
      expect((await failure(retryFailedJob(actor, "x"))).code).toBe(expected);
    }
    const row = await db().user.findUniqueOrThrow({ where: { id: target.id } });
    expect(row).toMatchObject({ role: "STUDENT", disabled: false, sessionVersion: 0 });
  });

  it("answers not-found for an unknown user", async () => {
    const admin = await newUser("ADMIN");
    const ghost = "00000000-0000-4000-8000-000000000000";
    expect((await failure(setUserDisabled(admin, { userId: ghost, disabled: true }))).code).toBe("not-found");
  });
});

describe("admin challenges", () => {
  it("syncs a folder and lists version hash, version count and sync issues", async () => {
    const admin = await newUser("ADMIN");
    const summary = await syncChallengesNow(admin, "tests/fixtures/pipeline");
    expect(summary.created.length + summary.unchanged.length + summary.updated.length).toBeGreaterThan(0);
    const rows = await listChallengesForAdmin(admin);
    const one = rows.find((r) => r.slug === "s3-tls-only")!;
    expect(one.versionHash).toMatch(/^[0-9a-f]{8,}/);
    expect(one.versions).toBeGreaterThanOrEqual(1);
    expect(one.issues).toEqual({ errors: expect.any(Array), warnings: expect.any(Array) });
  });
});

describe("admin queue", () => {
  it("counts jobs and rows, lists a failure with its reason and retries it", async () => {
    const admin = await newUser("ADMIN");
    const name = `admin-test-${randomBytes(3).toString("hex")}`;
    const prefix = process.env.REDIS_PREFIX!;
    const queue = new Queue(name, { connection: createRedis("patient"), prefix });
    const worker = new Worker(
      name,
      async () => {
        throw new Error("boom: database unreachable");
      },
      { connection: createRedis("patient"), prefix },
    );
    cleanup.push(async () => {
      await worker.close();
      await queue.obliterate({ force: true });
      await queue.close();
    });
    const submissionId = "11111111-1111-4111-8111-111111111111";
    await queue.add("grade-submission", { submissionId }, { jobId: submissionId, attempts: 1 });
    await new Promise<void>((resolve) => worker.on("failed", () => resolve()));
    await worker.pause();

    const status = await getQueueStatus(admin, { queue });
    expect(status.counts?.failed).toBe(1);
    expect(status.failures[0]).toMatchObject({
      jobId: submissionId,
      submissionId,
      reason: "boom: database unreachable",
    });
    expect(status.rows).toEqual({ QUEUED: expect.any(Number), RUNNING: expect.any(Number), ERROR: expect.any(Number) });

    await retryFailedJob(admin, submissionId, queue);
    const after = await queue.getJobCounts("failed", "waiting");
    expect(after.failed).toBe(0);
    expect(after.waiting).toBe(1);
    expect((await failure(retryFailedJob(admin, submissionId, queue))).code).toBe("conflict");
    expect((await failure(retryFailedJob(admin, "no-such-job", queue))).code).toBe("not-found");
  });
});
