import { describe, expect, it } from "vitest";
import { navFor, requireAdmin, requireInstructor, requireRole, requireUser, type TSessionUser } from "@/server/authz";
import { AppError } from "@/server/errors";
import { accessFor, roleMeets } from "@/app/_lib/route-access";
import { safeNext } from "@/app/_lib/safe-next";

const user = (role: TSessionUser["role"]): TSessionUser => ({
  id: "00000000-0000-7000-8000-000000000001",
  email: `${role.toLowerCase()}@example.com`,
  name: role,
  displayName: role,
  role,
  sessionVersion: 0,
});

function codeOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (e) {
    return e instanceof AppError ? e.code : "unexpected";
  }
}

describe("authz guards", () => {
  const cases = [
    {
      who: "signed out",
      actor: null,
      user: "unauthenticated",
      instructor: "unauthenticated",
      admin: "unauthenticated",
    },
    { who: "student", actor: user("STUDENT"), user: null, instructor: "forbidden", admin: "forbidden" },
    { who: "instructor", actor: user("INSTRUCTOR"), user: null, instructor: null, admin: "forbidden" },
    { who: "admin", actor: user("ADMIN"), user: null, instructor: null, admin: null },
  ] as const;

  for (const c of cases) {
    it(`${c.who}: requireUser -> ${c.user ?? "allowed"}, requireInstructor -> ${c.instructor ?? "allowed"}, requireAdmin -> ${c.admin ?? "allowed"}`, () => {
      expect(codeOf(() => requireUser(c.actor))).toBe(c.user);
      expect(codeOf(() => requireInstructor(c.actor))).toBe(c.instructor);
      expect(codeOf(() => requireAdmin(c.actor))).toBe(c.admin);
    });
  }

  it("returns the user it was given when allowed", () => {
    const admin = user("ADMIN");
    expect(requireRole(admin, "INSTRUCTOR")).toBe(admin);
  });

  it("maps errors to HTTP statuses", () => {
    expect(new AppError("unauthenticated", "x").status).toBe(401);
    expect(new AppError("forbidden", "x").status).toBe(403);
    expect(new AppError("not-found", "x").status).toBe(404);
  });

  it("offers navigation by role", () => {
    expect(navFor(null)).toEqual({ instructor: false, admin: false });
    expect(navFor(user("STUDENT"))).toEqual({ instructor: false, admin: false });
    expect(navFor(user("INSTRUCTOR"))).toEqual({ instructor: true, admin: false });
    expect(navFor(user("ADMIN"))).toEqual({ instructor: true, admin: true });
  });
});

describe("route access (proxy's first gate)", () => {
  it("classifies pages", () => {
    expect(accessFor("/")).toBe("public");
    expect(accessFor("/sign-in")).toBe("public");
    expect(accessFor("/challenges")).toBe("user");
    expect(accessFor("/challenges/s3-tls-only")).toBe("user");
    expect(accessFor("/instructor/cohorts/1")).toBe("INSTRUCTOR");
    expect(accessFor("/admin")).toBe("ADMIN");
    expect(accessFor("/administrator")).toBe("public");
  });

  it("compares roles", () => {
    expect(roleMeets("STUDENT", "INSTRUCTOR")).toBe(false);
    expect(roleMeets("INSTRUCTOR", "INSTRUCTOR")).toBe(true);
    expect(roleMeets("ADMIN", "INSTRUCTOR")).toBe(true);
    expect(roleMeets("INSTRUCTOR", "ADMIN")).toBe(false);
    expect(roleMeets(undefined, "ADMIN")).toBe(false);
    expect(roleMeets("root", "ADMIN")).toBe(false);
  });

  it("only returns to same-site paths after sign-in", () => {
    expect(safeNext("/challenges/x?y=1")).toBe("/challenges/x?y=1");
    expect(safeNext("https://evil.example")).toBe("/challenges");
    expect(safeNext("//evil.example")).toBe("/challenges");
    expect(safeNext("/\\evil.example")).toBe("/challenges");
    expect(safeNext("/sign-out")).toBe("/challenges");
    expect(safeNext(undefined)).toBe("/challenges");
  });
});
