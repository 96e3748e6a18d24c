import { describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { signUp } from "@/server/users/sign-up";
import { verifyCredentials, BAD_CREDENTIALS } from "@/server/users/verify-credentials";
import { loadSessionUser } from "@/server/users/load-session-user";
import { db } from "@/server/db";
import { failure } from "../helpers/app-error";

const email = () => `user-${randomBytes(4).toString("hex")}@example.com`;
const PASSWORD = "a-long-enough-password";

describe("accounts", () => {
  it("signs up a student with a lower-cased email and a slow hash, never the password", async () => {
    const e = email();
    const user = await signUp({ email: `  ${e.toUpperCase()} `, name: "Alan Turing", password: PASSWORD });
    expect(user.role).toBe("STUDENT");
    const row = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.email).toBe(e);
    expect(row.displayName).toBe("Alan Turing");
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain(PASSWORD);
  });

  it("rejects a duplicate email, a malformed email and a short password with field messages, creating nothing", async () => {
    const e = email();
    await signUp({ email: e, name: "First", password: PASSWORD });
    const before = await db().user.count();
    const dup = await failure(signUp({ email: e.toUpperCase(), name: "Second", password: PASSWORD }));
    expect(dup.code).toBe("conflict");
    expect(dup.fields?.email).toMatch(/already exists/);
    const bad = await failure(signUp({ email: "nope", name: "", password: "short" }));
    expect(bad.code).toBe("invalid-input");
    expect(bad.fields).toMatchObject({
      email: expect.any(String),
      name: expect.any(String),
      password: "use at least 10 characters",
    });
    const weird = await failure(signUp({ email: email(), name: "x\u0000y", password: PASSWORD }));
    expect(weird.fields?.name).toMatch(/control characters/);
    expect(await failure(signUp("not an object"))).toMatchObject({ code: "invalid-input" });
    expect(await db().user.count()).toBe(before);
  });

  it("gives the same message for an unknown email and a wrong password", async () => {
    const e = email();
    await signUp({ email: e, name: "Ada", password: PASSWORD });
    const ip = `198.51.100.${Math.floor(Math.random() * 200)}`;
    expect((await failure(verifyCredentials(e, "wrong-password", ip))).message).toBe(BAD_CREDENTIALS);
    expect((await failure(verifyCredentials(email(), "wrong-password", ip))).message).toBe(BAD_CREDENTIALS);
    const ok = await verifyCredentials(e.toUpperCase(), PASSWORD, ip);
    expect(ok.email).toBe(e);
  });

  it("locks an account after 10 failed sign-ins in 10 minutes, even with the right password", async () => {
    const e = email();
    await signUp({ email: e, name: "Target", password: PASSWORD });
    for (let i = 0; i < 10; i++) {
      // A different address each time: the per-account limit is what holds.
      await failure(verifyCredentials(e, `guess-${i}-xxxxxxxx`, `203.0.113.${i}`));
    }
    const locked = await failure(verifyCredentials(e, PASSWORD, "203.0.113.200"));
    expect(locked.code).toBe("rate-limited");
    expect(locked.message).toMatch(/too many failed sign-ins: try again in \d+ minutes?/);
    expect(locked.retryAfter).toBeGreaterThan(0);
  });

  it("limits one address guessing across many accounts", async () => {
    const ip = `192.0.2.${Math.floor(Math.random() * 250)}`;
    for (let i = 0; i < 10; i++) await failure(verifyCredentials(email(), "whatever-password", ip));
    const blocked = await failure(verifyCredentials(email(), "whatever-password", ip));
    expect(blocked.code).toBe("rate-limited");
  });

  it("refuses disabled accounts and ends their sessions", async () => {
    const e = email();
    const { id } = await signUp({ email: e, name: "Soon Gone", password: PASSWORD });
    const session = await verifyCredentials(e, PASSWORD, "local");
    expect(await loadSessionUser(id, session.sessionVersion)).not.toBeNull();
    await db().user.update({ where: { id }, data: { disabled: true, sessionVersion: { increment: 1 } } });
    expect(await loadSessionUser(id, session.sessionVersion)).toBeNull();
    expect((await failure(verifyCredentials(e, PASSWORD, "local"))).code).toBe("forbidden");
  });
});
