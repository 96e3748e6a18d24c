// The authorization matrix (issue #9): every page, route handler and server action of app/, and
// what each role gets from it. authz-matrix.spec.ts checks that this list and app/ agree (a new
// route or action fails the test until it is added here), then runs every cell against the real
// server; leak.spec.ts walks the same list as a student looking for the challenge's secrets.
import { randomBytes, randomUUID } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { expect } from "@playwright/test";
import type pg from "pg";
import { apiSignIn, apiSignUp, newEmail, withE2eDb } from "./helpers";

// ---------------------------------------------------------------------------------------------
// Roles

export const ROLES = [
  "anon",
  "student",
  "otherStudent",
  "otherInstructor",
  "instructor",
  "admin",
  "demotedAdmin",
] as const;
export type TRole = (typeof ROLES)[number];
export type TSignedInRole = Exclude<TRole, "anon">;

export const ROLE_INFO: Record<TRole, string> = {
  anon: "signed out (no cookie)",
  student: "a student of cohort A",
  otherStudent: "a student of cohort B (another cohort)",
  otherInstructor: "the instructor of cohort B (another cohort)",
  instructor: "the instructor of cohort A",
  admin: "an administrator",
  // Not one of the issue's six: it is the case where proxy.ts lets a request through (the JWT still
  // says ADMIN) and only the server-side re-check with fresh data (sessionVersion) can stop it.
  demotedAdmin: "an admin demoted to student after signing in (stale cookie that still says ADMIN)",
};

// ---------------------------------------------------------------------------------------------
// The fixture: the concrete ids behind the dynamic segments

export type TUser = { id: string; email: string };
export type TCohort = { id: string; joinCode: string; assignmentId: string };

export type TFixture = {
  /** A live challenge assigned to both cohorts. */
  slug: string;
  /** A live challenge assigned to neither cohort. */
  unassignedSlug: string;
  users: Record<TSignedInRole, TUser>;
  /** Taught by `instructor`; `student` is its student. */
  cohortA: TCohort;
  /** Taught by `otherInstructor`; `otherStudent` is its student. */
  cohortB: TCohort;
  /** A graded submission of `student` and one of `otherStudent` (to `slug`). */
  submissions: { student: string; otherStudent: string };
};

const rand = () => randomBytes(4).toString("hex");
const JOIN_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const joinCode = () => Array.from(randomBytes(8), (b) => JOIN_ALPHABET[b % JOIN_ALPHABET.length]).join("");

/** A user written straight into the database (a target of an action, never signed in). */
export async function insertUser(db: pg.Client, role: "STUDENT" | "INSTRUCTOR" = "STUDENT"): Promise<TUser> {
  const id = randomUUID();
  const email = `authz-target-${rand()}@example.com`;
  await db.query(
    `INSERT INTO "User" (id, email, name, "displayName", "passwordHash", role, "updatedAt")
     VALUES ($1, $2, 'Authz Target', 'Authz Target', 'not-a-hash', $3::"Role", now())`,
    [id, email, role],
  );
  return { id, email };
}

/** A cohort with its instructors and students, as an instructor would have set it up. */
export async function insertCohort(
  db: pg.Client,
  opts: { instructors?: string[]; students?: string[] } = {},
): Promise<{ id: string; joinCode: string }> {
  const id = randomUUID();
  const code = joinCode();
  await db.query(
    `INSERT INTO "Cohort" (id, name, "joinCode", "createdById", "updatedAt") VALUES ($1, $2, $3, $4, now())`,
    [id, `Authz cohort ${rand()}`, code, opts.instructors?.[0] ?? null],
  );
  for (const u of opts.instructors ?? [])
    await db.query(`INSERT INTO "Membership" ("userId", "cohortId", role) VALUES ($1, $2, 'INSTRUCTOR')`, [u, id]);
  for (const u of opts.students ?? [])
    await db.query(`INSERT INTO "Membership" ("userId", "cohortId", role) VALUES ($1, $2, 'STUDENT')`, [u, id]);
  return { id, joinCode: code };
}

export async function insertAssignment(db: pg.Client, cohortId: string, slug: string): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO "Assignment" (id, "cohortId", "challengeId", "opensAt")
     SELECT $1, $2, id, now() - interval '1 hour' FROM "Challenge" WHERE slug = $3 RETURNING id`,
    [randomUUID(), cohortId, slug],
  );
  expect(rows, `challenge ${slug} is not in the e2e database`).toHaveLength(1);
  return rows[0].id;
}

export async function insertExtension(db: pg.Client, assignmentId: string, userId: string) {
  await db.query(
    `INSERT INTO "AssignmentExtension" ("assignmentId", "userId", "dueAt") VALUES ($1, $2, now() + interval '30 days')`,
    [assignmentId, userId],
  );
}

export async function insertToken(db: pg.Client, userId: string): Promise<string> {
  const id = randomUUID();
  await db.query(
    `INSERT INTO "ApiToken" (id, "userId", name, "tokenHash", prefix) VALUES ($1, $2, 'authz target', $3, 'bst_authz')`,
    [id, userId, randomBytes(32).toString("hex")],
  );
  return id;
}

const one = async (db: pg.Client, sql: string, params: unknown[]) => (await db.query(sql, params)).rows[0];
/** How many memberships a user has in a cohort (0 or 1). */
const memberships = async (db: pg.Client, cohortId: string, userId: string): Promise<number> =>
  (
    await one(db, `SELECT count(*)::int AS n FROM "Membership" WHERE "cohortId" = $1 AND "userId" = $2`, [
      cohortId,
      userId,
    ])
  ).n;

/**
 * Signs every role up (over the API), gives them their roles and cohorts (SQL, as an admin and an
 * instructor would), signs them in (next-auth's credentials flow) and makes one graded submission
 * each for the two students. `contexts` are the roles' own request contexts (their cookie jars).
 */
export async function seedFixture(
  contexts: Record<TRole, APIRequestContext>,
  opts: { slug: string; unassignedSlug: string },
): Promise<TFixture> {
  const signedIn = ROLES.filter((r): r is TSignedInRole => r !== "anon");
  const users = {} as Record<TSignedInRole, TUser>;
  for (const role of signedIn) {
    const email = newEmail(`authz-${role.toLowerCase()}`);
    users[role] = { id: await apiSignUp(contexts[role], { email, name: `Authz ${role}` }), email };
  }
  const roleOf: Partial<Record<TSignedInRole, string>> = {
    otherInstructor: "INSTRUCTOR",
    instructor: "INSTRUCTOR",
    admin: "ADMIN",
    demotedAdmin: "ADMIN",
  };
  const { cohortA, cohortB } = await withE2eDb(async (db) => {
    for (const [role, dbRole] of Object.entries(roleOf))
      await db.query(`UPDATE "User" SET role = $2::"Role" WHERE id = $1`, [users[role as TSignedInRole].id, dbRole]);
    const a = await insertCohort(db, { instructors: [users.instructor.id], students: [users.student.id] });
    const b = await insertCohort(db, { instructors: [users.otherInstructor.id], students: [users.otherStudent.id] });
    return {
      cohortA: { ...a, assignmentId: await insertAssignment(db, a.id, opts.slug) },
      cohortB: { ...b, assignmentId: await insertAssignment(db, b.id, opts.slug) },
    };
  });
  for (const role of signedIn) await apiSignIn(contexts[role], users[role].email);
  // What an admin's "make student" does to a signed-in admin: the role changes and sessionVersion
  // moves on. The cookie still carries role ADMIN.
  await withE2eDb((db) =>
    db.query(`UPDATE "User" SET role = 'STUDENT', "sessionVersion" = "sessionVersion" + 1 WHERE id = $1`, [
      users.demotedAdmin.id,
    ]),
  );

  const submissions = {} as TFixture["submissions"];
  for (const role of ["student", "otherStudent"] as const) {
    const res = await contexts[role].post("/api/submissions", {
      data: { challenge: opts.slug, answer: `{"Version":"2012-10-17","Statement":[],"Id":"${role}"}` },
    });
    expect(res.status(), await res.text()).toBe(202);
    submissions[role] = ((await res.json()) as { id: string }).id;
  }
  // Graded before the matrix runs, so the event stream of a submission ends at once.
  for (const role of ["student", "otherStudent"] as const) {
    await expect
      .poll(
        async () =>
          ((await (await contexts[role].get(`/api/submissions/${submissions[role]}`)).json()) as { status: string })
            .status,
        { timeout: 30_000 },
      )
      .toBe("GRADED");
  }
  return { slug: opts.slug, unassignedSlug: opts.unassignedSlug, users, cohortA, cohortB, submissions };
}

// ---------------------------------------------------------------------------------------------
// Expected outcomes

/** A 307 to `/sign-in?next=<the requested path>`: proxy.ts (or the page's own check) sends them to sign in. */
export const SIGN_IN = { kind: "sign-in" } as const;
/** A redirect (307 unless said) to exactly this path and query. */
export const to = (path: string, status = 307) => ({ kind: "redirect", to: path, status }) as const;

/** What a page or route handler answers: a status (redirects not followed), or one of the above. */
export type THttp = number | typeof SIGN_IN | ReturnType<typeof to>;

/**
 * What a direct server-action call gets:
 * - SIGN_IN: proxy.ts answers the POST with its 307 to sign-in; the action never runs.
 * - UNAVAILABLE: proxy.ts rewrites the POST to /403, where Next finds no such action and answers
 *   409 "Server Action unavailable." (also when posted to a page the role may open: Next forwards
 *   it to the action's own page, where the proxy stops it the same way).
 * - denied(message): the action ran and refused, `{ ok: false, message }`.
 * - ok(message?): the action ran and did its work, `{ ok: true, … }` (or redirected, `redirect`).
 */
export const UNAVAILABLE = { kind: "unavailable" } as const;
export const denied = (message: string | RegExp) => ({ kind: "denied", message }) as const;
export const ok = (message?: string | RegExp, redirect?: RegExp) => ({ kind: "ok", message, redirect }) as const;
/** The action ran for a request whose session the server no longer accepts. */
export const SIGNED_OUT = denied("sign in to continue");

export type TActionOutcome = typeof SIGN_IN | typeof UNAVAILABLE | ReturnType<typeof denied> | ReturnType<typeof ok>;

// ---------------------------------------------------------------------------------------------
// Pages and route handlers

export type TRouteCase = {
  name: string;
  path: (f: TFixture) => string;
  /** JSON body of a POST. */
  body?: (f: TFixture) => unknown;
  expect: Record<TRole, THttp>;
};

/** `page <route>` for app/**\/page.tsx, `<METHOD> <route>` for each method a route.ts exports. */
export type TRouteEntry = { key: string; cases: TRouteCase[] };

const NO_COHORT = "00000000-0000-4000-8000-000000000000";

// Shorthands for rows that recur; every row still names all seven roles.
const userPage = (status: THttp = 200): Record<TRole, THttp> => ({
  anon: SIGN_IN,
  student: status,
  otherStudent: status,
  otherInstructor: status,
  instructor: status,
  admin: status,
  demotedAdmin: SIGN_IN,
});
const adminPage: Record<TRole, THttp> = {
  anon: SIGN_IN,
  student: 403,
  otherStudent: 403,
  otherInstructor: 403,
  instructor: 403,
  admin: 200,
  demotedAdmin: SIGN_IN,
};
const instructorPage: Record<TRole, THttp> = {
  anon: SIGN_IN,
  student: 403,
  otherStudent: 403,
  otherInstructor: 200,
  instructor: 200,
  admin: 200,
  demotedAdmin: SIGN_IN,
};
/** A page of cohort A: its instructor and admins; another cohort's instructor gets 404 (no probing). */
const cohortAPage: Record<TRole, THttp> = {
  anon: SIGN_IN,
  student: 403,
  otherStudent: 403,
  otherInstructor: 404,
  instructor: 200,
  admin: 200,
  demotedAdmin: SIGN_IN,
};
/** A page of cohort B: the mirror image. */
const cohortBPage: Record<TRole, THttp> = { ...cohortAPage, otherInstructor: 200, instructor: 404 };
/** A page of cohort A that does not exist for anyone (a student of another cohort, an unassigned challenge). */
const noneOfCohortA: Record<TRole, THttp> = { ...cohortAPage, instructor: 404, admin: 404 };
const publicAuthPage: Record<TRole, THttp> = {
  anon: 200,
  student: to("/challenges"),
  otherStudent: to("/challenges"),
  otherInstructor: to("/challenges"),
  instructor: to("/challenges"),
  admin: to("/challenges"),
  demotedAdmin: 200,
};
const cohortExport = (which: "A" | "B"): Record<TRole, THttp> => ({
  anon: SIGN_IN,
  student: 403,
  otherStudent: 403,
  otherInstructor: which === "B" ? 200 : 404,
  instructor: which === "A" ? 200 : 404,
  admin: 200,
  demotedAdmin: 401,
});
/** An API answer about one student's own submission. */
const ownSubmission = (owner: "student" | "otherStudent"): Record<TRole, THttp> => ({
  anon: 401,
  student: owner === "student" ? 200 : 404,
  otherStudent: owner === "otherStudent" ? 200 : 404,
  otherInstructor: 404,
  instructor: 404,
  admin: 404,
  demotedAdmin: 401,
});
const everyone = (status: THttp): Record<TRole, THttp> =>
  Object.fromEntries(ROLES.map((r) => [r, status])) as Record<TRole, THttp>;

export const ROUTES: TRouteEntry[] = [
  { key: "page /", cases: [{ name: "landing", path: () => "/", expect: publicAuthPage }] },
  { key: "page /sign-in", cases: [{ name: "sign in", path: () => "/sign-in", expect: publicAuthPage }] },
  { key: "page /sign-up", cases: [{ name: "sign up", path: () => "/sign-up", expect: publicAuthPage }] },
  {
    key: "page /sign-out",
    cases: [
      {
        name: "sign out",
        path: () => "/sign-out",
        expect: { ...userPage(200), anon: to("/sign-in"), demotedAdmin: to("/sign-in") },
      },
    ],
  },
  { key: "page /403", cases: [{ name: "the 403 page", path: () => "/403", expect: everyone(403) }] },
  { key: "page /admin", cases: [{ name: "users", path: () => "/admin", expect: adminPage }] },
  {
    key: "page /admin/analytics",
    cases: [
      { name: "platform", path: () => "/admin/analytics", expect: adminPage },
      { name: "one cohort", path: (f) => `/admin/analytics?cohort=${f.cohortA.id}`, expect: adminPage },
    ],
  },
  { key: "page /admin/challenges", cases: [{ name: "sync", path: () => "/admin/challenges", expect: adminPage }] },
  { key: "page /admin/queue", cases: [{ name: "queue", path: () => "/admin/queue", expect: adminPage }] },
  { key: "page /challenges", cases: [{ name: "catalog", path: () => "/challenges", expect: userPage() }] },
  {
    key: "page /challenges/[slug]",
    cases: [
      { name: "a live challenge", path: (f) => `/challenges/${f.slug}`, expect: userPage() },
      { name: "no such challenge", path: () => "/challenges/no-such-challenge", expect: userPage(404) },
    ],
  },
  { key: "page /cohorts", cases: [{ name: "my cohorts", path: () => "/cohorts", expect: userPage() }] },
  {
    key: "page /cohorts/[id]/leaderboard",
    cases: [
      {
        name: "cohort A",
        path: (f) => `/cohorts/${f.cohortA.id}/leaderboard`,
        expect: { ...userPage(200), otherStudent: 404, otherInstructor: 404 },
      },
      {
        name: "cohort B",
        path: (f) => `/cohorts/${f.cohortB.id}/leaderboard`,
        expect: { ...userPage(200), student: 404, instructor: 404 },
      },
      {
        name: "no such cohort",
        path: () => `/cohorts/${NO_COHORT}/leaderboard`,
        expect: userPage(404),
      },
      { name: "not an id", path: () => "/cohorts/not-an-id/leaderboard", expect: userPage(404) },
    ],
  },
  { key: "page /instructor", cases: [{ name: "my cohorts", path: () => "/instructor", expect: instructorPage }] },
  {
    key: "page /instructor/analytics",
    cases: [
      { name: "cohort picker", path: () => "/instructor/analytics", expect: instructorPage },
      { name: "cohort A", path: (f) => `/instructor/analytics?cohort=${f.cohortA.id}`, expect: cohortAPage },
      { name: "cohort B", path: (f) => `/instructor/analytics?cohort=${f.cohortB.id}`, expect: cohortBPage },
    ],
  },
  {
    key: "page /instructor/cohorts/[id]",
    cases: [
      { name: "cohort A", path: (f) => `/instructor/cohorts/${f.cohortA.id}`, expect: cohortAPage },
      { name: "cohort B", path: (f) => `/instructor/cohorts/${f.cohortB.id}`, expect: cohortBPage },
      {
        name: "no such cohort",
        path: () => `/instructor/cohorts/${NO_COHORT}`,
        expect: { ...cohortAPage, instructor: 404, admin: 404 },
      },
    ],
  },
  {
    key: "page /instructor/cohorts/[id]/assignments",
    cases: [
      { name: "cohort A", path: (f) => `/instructor/cohorts/${f.cohortA.id}/assignments`, expect: cohortAPage },
      { name: "cohort B", path: (f) => `/instructor/cohorts/${f.cohortB.id}/assignments`, expect: cohortBPage },
    ],
  },
  {
    key: "page /instructor/cohorts/[id]/settings",
    cases: [
      { name: "cohort A", path: (f) => `/instructor/cohorts/${f.cohortA.id}/settings`, expect: cohortAPage },
      { name: "cohort B", path: (f) => `/instructor/cohorts/${f.cohortB.id}/settings`, expect: cohortBPage },
    ],
  },
  {
    key: "page /instructor/cohorts/[id]/students/[userId]/challenges/[slug]",
    cases: [
      {
        name: "cohort A, its student, an assigned challenge",
        path: (f) => `/instructor/cohorts/${f.cohortA.id}/students/${f.users.student.id}/challenges/${f.slug}`,
        expect: cohortAPage,
      },
      {
        name: "cohort A, a student of cohort B",
        path: (f) => `/instructor/cohorts/${f.cohortA.id}/students/${f.users.otherStudent.id}/challenges/${f.slug}`,
        expect: noneOfCohortA,
      },
      {
        name: "cohort A, its student, a challenge it did not assign",
        path: (f) =>
          `/instructor/cohorts/${f.cohortA.id}/students/${f.users.student.id}/challenges/${f.unassignedSlug}`,
        expect: noneOfCohortA,
      },
      {
        name: "cohort B, its student",
        path: (f) => `/instructor/cohorts/${f.cohortB.id}/students/${f.users.otherStudent.id}/challenges/${f.slug}`,
        expect: cohortBPage,
      },
    ],
  },
  {
    key: "page /join",
    cases: [{ name: "no code", path: () => "/join", expect: { ...userPage(to("/cohorts")) } }],
  },
  {
    key: "page /join/[code]",
    cases: [
      { name: "cohort A's code", path: (f) => `/join/${f.cohortA.joinCode}`, expect: userPage() },
      { name: "a code of no cohort", path: () => "/join/NOPE2345", expect: userPage() },
    ],
  },
  { key: "page /leaderboard", cases: [{ name: "everyone", path: () => "/leaderboard", expect: userPage() }] },
  { key: "page /profile", cases: [{ name: "profile", path: () => "/profile", expect: userPage() }] },

  // Route handlers.
  {
    key: "GET /api/auth/[...nextauth]",
    cases: [{ name: "session", path: () => "/api/auth/session", expect: everyone(200) }],
  },
  {
    key: "POST /api/auth/[...nextauth]",
    cases: [
      {
        name: "credentials without a CSRF token",
        path: () => "/api/auth/callback/credentials",
        expect: everyone(to("/api/auth/signin?csrf=true", 302)),
      },
    ],
  },
  { key: "GET /api/health", cases: [{ name: "health", path: () => "/api/health", expect: everyone(200) }] },
  {
    key: "GET /api/metrics",
    cases: [
      {
        name: "metrics",
        path: () => "/api/metrics",
        expect: {
          anon: 401,
          student: 403,
          otherStudent: 403,
          otherInstructor: 403,
          instructor: 403,
          admin: 200,
          demotedAdmin: 401,
        },
      },
    ],
  },
  {
    key: "POST /api/sign-up",
    cases: [{ name: "an empty form", path: () => "/api/sign-up", body: () => ({}), expect: everyone(400) }],
  },
  {
    key: "POST /api/submissions",
    cases: [
      {
        name: "an unknown challenge (refused after the caller is known)",
        path: () => "/api/submissions",
        body: () => ({ challenge: "no-such-challenge", answer: "{}" }),
        expect: { ...userPage(404), anon: 401, demotedAdmin: 401 },
      },
    ],
  },
  {
    key: "GET /api/submissions/[id]",
    cases: [
      { name: "student's", path: (f) => `/api/submissions/${f.submissions.student}`, expect: ownSubmission("student") },
      {
        name: "other student's",
        path: (f) => `/api/submissions/${f.submissions.otherStudent}`,
        expect: ownSubmission("otherStudent"),
      },
    ],
  },
  {
    key: "GET /api/submissions/[id]/events",
    cases: [
      {
        name: "student's",
        path: (f) => `/api/submissions/${f.submissions.student}/events`,
        expect: ownSubmission("student"),
      },
      {
        name: "other student's",
        path: (f) => `/api/submissions/${f.submissions.otherStudent}/events`,
        expect: ownSubmission("otherStudent"),
      },
    ],
  },
  {
    key: "GET /instructor/cohorts/[id]/export/gradebook",
    cases: [
      {
        name: "cohort A",
        path: (f) => `/instructor/cohorts/${f.cohortA.id}/export/gradebook`,
        expect: cohortExport("A"),
      },
      {
        name: "cohort B",
        path: (f) => `/instructor/cohorts/${f.cohortB.id}/export/gradebook`,
        expect: cohortExport("B"),
      },
    ],
  },
  {
    key: "GET /instructor/cohorts/[id]/export/submissions",
    cases: [
      {
        name: "cohort A",
        path: (f) => `/instructor/cohorts/${f.cohortA.id}/export/submissions`,
        expect: cohortExport("A"),
      },
      {
        name: "cohort B",
        path: (f) => `/instructor/cohorts/${f.cohortB.id}/export/submissions`,
        expect: cohortExport("B"),
      },
    ],
  },
];

// ---------------------------------------------------------------------------------------------
// Server actions

export type TActionContext = { f: TFixture; db: pg.Client; role: TRole };

export type TActionCase = {
  name: string;
  /** The page the action is posted to (one whose bundle carries it, as the UI would). */
  page: (f: TFixture, target: TTarget) => string;
  /** A fresh target for each call (so one role's call cannot change what the next one finds). */
  setup: (c: TActionContext) => Promise<TTarget>;
  args: (c: TActionContext, target: TTarget) => unknown[];
  /** Whether the action's effect is in the database (it must be exactly when the outcome is ok). */
  changed: (c: TActionContext, target: TTarget) => Promise<boolean>;
  expect: Record<TRole, TActionOutcome>;
};
// Targets are small records of ids and values; each case reads the fields it set up.
export type TTarget = Record<string, string>;

/** `<file in app/>#<export>`: the same key as the build's server-reference manifest. */
export type TActionEntry = { key: string; cases: TActionCase[] };

/** The FormData a form posts: `useActionState` actions get `(previousState, formData)`. */
export function form(fields: Record<string, string | string[]>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) fd.append(k, x);
  return fd;
}
const formArgs = (fields: Record<string, string | string[]>) => [null, form(fields)];

const adminAction = (admin: TActionOutcome): Record<TRole, TActionOutcome> => ({
  anon: SIGN_IN,
  student: UNAVAILABLE,
  otherStudent: UNAVAILABLE,
  otherInstructor: UNAVAILABLE,
  instructor: UNAVAILABLE,
  admin,
  demotedAdmin: SIGNED_OUT,
});
/** Any signed-in user may, for themselves. */
const userAction = (outcome: TActionOutcome): Record<TRole, TActionOutcome> => ({
  anon: SIGN_IN,
  student: outcome,
  otherStudent: outcome,
  otherInstructor: outcome,
  instructor: outcome,
  admin: outcome,
  demotedAdmin: SIGNED_OUT,
});
/** An action on a cohort `instructor` teaches: its instructor and admins may; another cohort's instructor gets "no such cohort". */
const taughtCohortAction = (outcome: TActionOutcome): Record<TRole, TActionOutcome> => ({
  anon: SIGN_IN,
  student: UNAVAILABLE,
  otherStudent: UNAVAILABLE,
  otherInstructor: denied("no such cohort"),
  instructor: outcome,
  admin: outcome,
  demotedAdmin: SIGNED_OUT,
});

const settingsOf = (_f: TFixture, t: TTarget) => `/instructor/cohorts/${t.cohortId}/settings`;
/** A fresh cohort taught by `instructor` (the page and the action both name it). */
const taughtCohort = async ({ f, db }: TActionContext) =>
  (await insertCohort(db, { instructors: [f.users.instructor.id] })).id;
/** A cohort of someone else's (taught by `otherInstructor`) with a student and an assignment: tampering targets. */
async function foreignCohort({ f, db }: TActionContext) {
  const student = await insertUser(db);
  const c = await insertCohort(db, { instructors: [f.users.otherInstructor.id], students: [student.id] });
  return {
    foreignCohortId: c.id,
    foreignStudentId: student.id,
    foreignAssignmentId: await insertAssignment(db, c.id, f.slug),
  };
}
const DUE = "2031-01-15T10:00";

/** Joining a fresh cohort by its code, from `page`: any signed-in user may. */
const joinCase = (name: string, page: TActionCase["page"]): TActionCase => ({
  name,
  page,
  setup: async ({ db }) => {
    const c = await insertCohort(db);
    return { cohortId: c.id, code: c.joinCode };
  },
  args: (_c, t) => formArgs({ code: t.code }),
  changed: async ({ db }, t) =>
    (await one(db, `SELECT count(*)::int AS n FROM "Membership" WHERE "cohortId" = $1`, [t.cohortId])).n > 0,
  expect: userAction(ok(/^you joined /)),
});

export const ACTIONS: TActionEntry[] = [
  // app/admin/actions.ts
  {
    key: "app/admin/actions.ts#setRoleAction",
    cases: [
      {
        name: "make a student an instructor",
        page: () => "/admin",
        setup: async ({ db }) => ({ userId: (await insertUser(db)).id }),
        args: (_c, t) => formArgs({ userId: t.userId, role: "INSTRUCTOR" }),
        changed: async ({ db }, t) =>
          (await one(db, `SELECT role FROM "User" WHERE id = $1`, [t.userId])).role === "INSTRUCTOR",
        expect: adminAction(ok(/ is now instructor$/)),
      },
    ],
  },
  {
    key: "app/admin/actions.ts#setDisabledAction",
    cases: [
      {
        name: "disable a user",
        page: () => "/admin",
        setup: async ({ db }) => ({ userId: (await insertUser(db)).id }),
        args: (_c, t) => formArgs({ userId: t.userId, disabled: "true" }),
        changed: async ({ db }, t) => (await one(db, `SELECT disabled FROM "User" WHERE id = $1`, [t.userId])).disabled,
        expect: adminAction(ok(/ is disabled$/)),
      },
    ],
  },
  {
    key: "app/admin/actions.ts#syncChallengesAction",
    cases: [
      {
        name: "sync the catalogue",
        page: () => "/admin/challenges",
        setup: async ({ db }) => ({
          before: (await one(db, `SELECT max("syncedAt")::text AS t FROM "Challenge"`, [])).t,
        }),
        args: () => formArgs({}),
        changed: async ({ db }, t) =>
          (await one(db, `SELECT max("syncedAt")::text AS t FROM "Challenge"`, [])).t !== t.before,
        expect: adminAction(ok("sync finished")),
      },
    ],
  },
  {
    key: "app/admin/actions.ts#retryJobAction",
    cases: [
      {
        // No failed job can be made on purpose here (the real worker takes every job): the admin's
        // answer shows the call got past authorization, the others' that it did not.
        name: "retry a job that does not exist",
        page: () => "/admin/queue",
        setup: async () => ({}),
        args: () => formArgs({ jobId: "authz-no-such-job" }),
        changed: async () => false,
        expect: adminAction(denied("this job is gone (failed jobs are kept for 7 days)")),
      },
    ],
  },

  // app/challenges/[slug]/actions.ts
  {
    key: "app/challenges/[slug]/actions.ts#submitAnswerAction",
    cases: [
      {
        name: "submit an answer",
        page: (f) => `/challenges/${f.slug}`,
        setup: async ({ role }) => ({
          answer: `{"Version":"2012-10-17","Statement":[],"Id":"authz-${role}-${rand()}"}`,
        }),
        args: ({ f }, t) => [f.slug, t.answer],
        changed: async ({ db }, t) =>
          (await one(db, `SELECT count(*)::int AS n FROM "Submission" WHERE answer = $1`, [t.answer])).n > 0,
        expect: userAction(ok()),
      },
    ],
  },
  {
    key: "app/challenges/[slug]/actions.ts#revealHintAction",
    cases: [
      {
        name: "reveal the first hint",
        page: (f) => `/challenges/${f.slug}`,
        setup: async ({ db }) => ({
          before: String((await one(db, `SELECT count(*)::int AS n FROM "HintReveal"`, [])).n),
        }),
        args: ({ f }) => formArgs({ challenge: f.slug, index: "0" }),
        changed: async ({ db }, t) =>
          String((await one(db, `SELECT count(*)::int AS n FROM "HintReveal"`, [])).n) !== t.before,
        expect: userAction(ok()),
      },
    ],
  },

  // app/cohorts/actions.ts and app/join/actions.ts
  { key: "app/cohorts/actions.ts#joinCohortAction", cases: [joinCase("join by code", () => "/cohorts")] },
  { key: "app/join/actions.ts#joinByLinkAction", cases: [joinCase("join by link", (_f, t) => `/join/${t.code}`)] },

  // app/instructor/actions.ts
  {
    key: "app/instructor/actions.ts#createCohortAction",
    cases: [
      {
        name: "create a cohort",
        page: () => "/instructor",
        setup: async ({ role }) => ({ name: `Authz ${role} ${rand()}` }),
        args: (_c, t) => formArgs({ name: t.name }),
        changed: async ({ db }, t) =>
          (await one(db, `SELECT count(*)::int AS n FROM "Cohort" WHERE name = $1`, [t.name])).n > 0,
        expect: {
          anon: SIGN_IN,
          student: UNAVAILABLE,
          otherStudent: UNAVAILABLE,
          otherInstructor: ok(undefined, /^\/instructor\/cohorts\/[0-9a-f-]{36}\/settings;/),
          instructor: ok(undefined, /^\/instructor\/cohorts\/[0-9a-f-]{36}\/settings;/),
          admin: ok(undefined, /^\/instructor\/cohorts\/[0-9a-f-]{36}\/settings;/),
          demotedAdmin: SIGNED_OUT,
        },
      },
    ],
  },

  // app/instructor/cohorts/[id]/actions.ts: every one on a fresh cohort taught by `instructor`.
  {
    key: "app/instructor/cohorts/[id]/actions.ts#renameCohortAction",
    cases: [
      {
        name: "rename",
        page: settingsOf,
        setup: async (c) => ({ cohortId: await taughtCohort(c), name: `Renamed ${rand()}` }),
        args: (_c, t) => formArgs({ cohortId: t.cohortId, name: t.name }),
        changed: async ({ db }, t) =>
          (await one(db, `SELECT name FROM "Cohort" WHERE id = $1`, [t.cohortId])).name === t.name,
        expect: taughtCohortAction(ok("cohort renamed")),
      },
    ],
  },
  {
    key: "app/instructor/cohorts/[id]/actions.ts#setArchivedAction",
    cases: [
      {
        name: "archive",
        page: settingsOf,
        setup: async (c) => ({ cohortId: await taughtCohort(c) }),
        args: (_c, t) => formArgs({ cohortId: t.cohortId, archived: "true" }),
        changed: async ({ db }, t) =>
          (await one(db, `SELECT archived FROM "Cohort" WHERE id = $1`, [t.cohortId])).archived,
        expect: taughtCohortAction(ok("cohort archived: it takes no new students")),
      },
    ],
  },
  {
    key: "app/instructor/cohorts/[id]/actions.ts#rotateJoinCodeAction",
    cases: [
      {
        name: "new join code",
        page: settingsOf,
        setup: async ({ f, db }) => {
          const c = await insertCohort(db, { instructors: [f.users.instructor.id] });
          return { cohortId: c.id, code: c.joinCode };
        },
        args: (_c, t) => formArgs({ cohortId: t.cohortId }),
        changed: async ({ db }, t) =>
          (await one(db, `SELECT "joinCode" FROM "Cohort" WHERE id = $1`, [t.cohortId])).joinCode !== t.code,
        expect: taughtCohortAction(ok(/^new join code [A-Z0-9]{8}: /)),
      },
    ],
  },
  {
    key: "app/instructor/cohorts/[id]/actions.ts#removeStudentAction",
    cases: [
      {
        name: "remove a student of the cohort",
        page: settingsOf,
        setup: async ({ f, db }) => {
          const s = await insertUser(db);
          const c = await insertCohort(db, { instructors: [f.users.instructor.id], students: [s.id] });
          return { cohortId: c.id, userId: s.id };
        },
        args: (_c, t) => formArgs({ cohortId: t.cohortId, userId: t.userId }),
        changed: async ({ db }, t) => (await memberships(db, t.cohortId, t.userId)) === 0,
        expect: taughtCohortAction(ok("student removed from the cohort")),
      },
      {
        name: "tampering: a student of another cohort, through one's own cohort",
        page: settingsOf,
        setup: async (c) => ({ cohortId: await taughtCohort(c), ...(await foreignCohort(c)) }),
        args: (_c, t) => formArgs({ cohortId: t.cohortId, userId: t.foreignStudentId }),
        changed: async ({ db }, t) => (await memberships(db, t.foreignCohortId, t.foreignStudentId)) === 0,
        expect: taughtCohortAction(denied("no such student in this cohort")),
      },
    ],
  },
  {
    key: "app/instructor/cohorts/[id]/actions.ts#addCoInstructorAction",
    cases: [
      {
        name: "add a co-instructor",
        page: settingsOf,
        setup: async (c) => {
          const other = await insertUser(c.db, "INSTRUCTOR");
          return { cohortId: await taughtCohort(c), userId: other.id, email: other.email };
        },
        args: (_c, t) => formArgs({ cohortId: t.cohortId, email: t.email }),
        changed: async ({ db }, t) => (await memberships(db, t.cohortId, t.userId)) > 0,
        expect: taughtCohortAction(ok(/ now teaches this cohort$/)),
      },
    ],
  },
  {
    key: "app/instructor/cohorts/[id]/actions.ts#removeCoInstructorAction",
    cases: [
      {
        name: "remove a co-instructor",
        page: settingsOf,
        setup: async ({ f, db }) => {
          const other = await insertUser(db, "INSTRUCTOR");
          const c = await insertCohort(db, { instructors: [f.users.instructor.id, other.id] });
          return { cohortId: c.id, userId: other.id };
        },
        args: (_c, t) => formArgs({ cohortId: t.cohortId, userId: t.userId }),
        changed: async ({ db }, t) => (await memberships(db, t.cohortId, t.userId)) === 0,
        expect: taughtCohortAction(ok("instructor removed")),
      },
      {
        name: "tampering: the instructor of another cohort, through one's own cohort",
        page: settingsOf,
        setup: async (c) => ({ cohortId: await taughtCohort(c), ...(await foreignCohort(c)) }),
        args: ({ f }, t) => formArgs({ cohortId: t.cohortId, userId: f.users.otherInstructor.id }),
        changed: async ({ db, f }, t) => (await memberships(db, t.foreignCohortId, f.users.otherInstructor.id)) === 0,
        expect: taughtCohortAction(denied("no such instructor in this cohort")),
      },
    ],
  },
  {
    key: "app/instructor/cohorts/[id]/actions.ts#createAssignmentsAction",
    cases: [
      {
        name: "assign a challenge",
        page: settingsOf,
        setup: async (c) => ({ cohortId: await taughtCohort(c) }),
        args: ({ f }, t) => formArgs({ cohortId: t.cohortId, slugs: [f.slug], tzOffset: "0" }),
        changed: async ({ db }, t) =>
          (await one(db, `SELECT count(*)::int AS n FROM "Assignment" WHERE "cohortId" = $1`, [t.cohortId])).n > 0,
        expect: taughtCohortAction(ok("1 challenge assigned")),
      },
    ],
  },
  {
    key: "app/instructor/cohorts/[id]/actions.ts#updateAssignmentAction",
    cases: [
      {
        name: "set a due date",
        page: settingsOf,
        setup: async (c) => {
          const cohortId = await taughtCohort(c);
          return { cohortId, assignmentId: await insertAssignment(c.db, cohortId, c.f.slug) };
        },
        args: (_c, t) => formArgs({ cohortId: t.cohortId, assignmentId: t.assignmentId, dueAt: DUE, tzOffset: "0" }),
        changed: async ({ db }, t) =>
          (await one(db, `SELECT "dueAt" FROM "Assignment" WHERE id = $1`, [t.assignmentId])).dueAt !== null,
        expect: taughtCohortAction(ok("dates saved")),
      },
      {
        name: "tampering: an assignment of another cohort, through one's own cohort",
        page: settingsOf,
        setup: async (c) => ({ cohortId: await taughtCohort(c), ...(await foreignCohort(c)) }),
        args: (_c, t) =>
          formArgs({ cohortId: t.cohortId, assignmentId: t.foreignAssignmentId, dueAt: DUE, tzOffset: "0" }),
        changed: async ({ db }, t) =>
          (await one(db, `SELECT "dueAt" FROM "Assignment" WHERE id = $1`, [t.foreignAssignmentId])).dueAt !== null,
        expect: taughtCohortAction(denied("no such assignment")),
      },
    ],
  },
  {
    key: "app/instructor/cohorts/[id]/actions.ts#removeAssignmentAction",
    cases: [
      {
        name: "unassign",
        page: settingsOf,
        setup: async (c) => {
          const cohortId = await taughtCohort(c);
          return { cohortId, assignmentId: await insertAssignment(c.db, cohortId, c.f.slug) };
        },
        args: (_c, t) => formArgs({ cohortId: t.cohortId, assignmentId: t.assignmentId }),
        changed: async ({ db }, t) =>
          (await one(db, `SELECT count(*)::int AS n FROM "Assignment" WHERE id = $1`, [t.assignmentId])).n === 0,
        expect: taughtCohortAction(ok("assignment removed")),
      },
      {
        name: "tampering: an assignment of another cohort, through one's own cohort",
        page: settingsOf,
        setup: async (c) => ({ cohortId: await taughtCohort(c), ...(await foreignCohort(c)) }),
        args: (_c, t) => formArgs({ cohortId: t.cohortId, assignmentId: t.foreignAssignmentId }),
        changed: async ({ db }, t) =>
          (await one(db, `SELECT count(*)::int AS n FROM "Assignment" WHERE id = $1`, [t.foreignAssignmentId])).n === 0,
        expect: taughtCohortAction(denied("no such assignment")),
      },
    ],
  },
  {
    key: "app/instructor/cohorts/[id]/actions.ts#setExtensionAction",
    cases: [
      {
        name: "extend a student's due date",
        page: settingsOf,
        setup: async ({ f, db }) => {
          const s = await insertUser(db);
          const c = await insertCohort(db, { instructors: [f.users.instructor.id], students: [s.id] });
          return { cohortId: c.id, userId: s.id, assignmentId: await insertAssignment(db, c.id, f.slug) };
        },
        args: (_c, t) =>
          formArgs({ cohortId: t.cohortId, assignmentId: t.assignmentId, userId: t.userId, dueAt: DUE, tzOffset: "0" }),
        changed: async ({ db }, t) =>
          (
            await one(db, `SELECT count(*)::int AS n FROM "AssignmentExtension" WHERE "assignmentId" = $1`, [
              t.assignmentId,
            ])
          ).n > 0,
        expect: taughtCohortAction(ok("extension saved")),
      },
      {
        name: "tampering: a student of another cohort, on one's own assignment",
        page: settingsOf,
        setup: async (c) => {
          const cohortId = await taughtCohort(c);
          return {
            cohortId,
            assignmentId: await insertAssignment(c.db, cohortId, c.f.slug),
            ...(await foreignCohort(c)),
          };
        },
        args: (_c, t) =>
          formArgs({
            cohortId: t.cohortId,
            assignmentId: t.assignmentId,
            userId: t.foreignStudentId,
            dueAt: DUE,
            tzOffset: "0",
          }),
        changed: async ({ db }, t) =>
          (
            await one(db, `SELECT count(*)::int AS n FROM "AssignmentExtension" WHERE "userId" = $1`, [
              t.foreignStudentId,
            ])
          ).n > 0,
        expect: taughtCohortAction(denied("no such student in this cohort")),
      },
    ],
  },
  {
    key: "app/instructor/cohorts/[id]/actions.ts#removeExtensionAction",
    cases: [
      {
        name: "remove an extension",
        page: settingsOf,
        setup: async ({ f, db }) => {
          const s = await insertUser(db);
          const c = await insertCohort(db, { instructors: [f.users.instructor.id], students: [s.id] });
          const assignmentId = await insertAssignment(db, c.id, f.slug);
          await insertExtension(db, assignmentId, s.id);
          return { cohortId: c.id, userId: s.id, assignmentId };
        },
        args: (_c, t) => formArgs({ cohortId: t.cohortId, assignmentId: t.assignmentId, userId: t.userId }),
        changed: async ({ db }, t) =>
          (
            await one(db, `SELECT count(*)::int AS n FROM "AssignmentExtension" WHERE "assignmentId" = $1`, [
              t.assignmentId,
            ])
          ).n === 0,
        expect: taughtCohortAction(ok("extension removed")),
      },
    ],
  },

  // app/profile/actions.ts
  {
    key: "app/profile/actions.ts#createTokenAction",
    cases: [
      {
        name: "create an API token",
        page: () => "/profile",
        setup: async ({ role }) => ({ name: `authz ${role} ${rand()}` }),
        args: (_c, t) => formArgs({ name: t.name }),
        changed: async ({ db }, t) =>
          (await one(db, `SELECT count(*)::int AS n FROM "ApiToken" WHERE name = $1`, [t.name])).n > 0,
        expect: userAction(ok()),
      },
    ],
  },
  {
    key: "app/profile/actions.ts#revokeTokenAction",
    cases: [
      {
        name: "revoke the student's token",
        page: () => "/profile",
        setup: async ({ f, db }) => ({ tokenId: await insertToken(db, f.users.student.id) }),
        args: (_c, t) => formArgs({ id: t.tokenId }),
        changed: async ({ db }, t) =>
          (await one(db, `SELECT "revokedAt" FROM "ApiToken" WHERE id = $1`, [t.tokenId])).revokedAt !== null,
        expect: {
          anon: SIGN_IN,
          student: ok("token revoked"),
          otherStudent: denied("no such token"),
          otherInstructor: denied("no such token"),
          instructor: denied("no such token"),
          admin: denied("no such token"),
          demotedAdmin: SIGNED_OUT,
        },
      },
    ],
  },
  {
    key: "app/profile/actions.ts#updateProfileAction",
    cases: [
      {
        name: "change one's display name",
        page: () => "/profile",
        setup: async () => ({ displayName: `Authz ${rand()}` }),
        args: (_c, t) => formArgs({ displayName: t.displayName }),
        changed: async ({ db }, t) =>
          (await one(db, `SELECT count(*)::int AS n FROM "User" WHERE "displayName" = $1`, [t.displayName])).n > 0,
        expect: userAction(ok("display name saved")),
      },
    ],
  },
];
