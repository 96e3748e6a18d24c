// Hostile input against the real production server and worker (issue #9): fast-check drives the
// submit API (bearer token and cookie), GET /api/submissions/<id>, sign-up, next-auth's credentials
// sign-in, every server action of app/ (hostile form fields, wrong argument shapes, protocol garbage)
// and the dynamic pages. Nothing may answer 500; every refusal carries a clear message; afterwards
// the server is healthy and the worker has graded every hostile answer and a valid one.
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { apiSignIn, apiSignUp, callServerAction, newEmail, serverActions, withE2eDb } from "./helpers";

const BASE = `http://127.0.0.1:${process.env.E2E_PORT}`;
/** What a use case's unexpected error turns into: a fuzz input must never reach it. */
const GENERIC = "something went wrong on our side";
const POLICY = "s3-tls-only";
const TRIGGER = "cognito-presignup-domain-allowlist";
const solution = readFileSync(`challenges/${POLICY}/solution.json`, "utf8");

/** Inputs sent, by target (printed at the end and recorded as an annotation). */
const tried: Record<string, number> = {};
const count = (what: string) => (tried[what] = (tried[what] ?? 0) + 1);

// ---------- arbitraries ----------

const nasty = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "\udfff\ud800",
  "\u202egnp.exe",
  "\ufeff",
  "e\u0301\u0301\u0301",
  "𝕬𝖜𝖘 ☁️ 🔐",
  "ﷺ",
  "null",
  "undefined",
  "true",
  "-1",
  "1e309",
  "NaN",
  "__proto__",
  "constructor",
  "../../../../etc/passwd",
  "%2e%2e%2f",
  "<script>alert(1)</script>",
  "' OR 1=1 --",
  "${jndi:ldap://x}",
  "------------------------------------",
  "0123456789abcdef0123456789abcdef0123",
  "00000000-0000-0000-0000-000000000000",
  "ffffffff-ffff-ffff-ffff-ffffffffffff",
  "2026-13-45T25:61",
  "9999-12-31T23:59",
  "0000-01-01T00:00",
  "$1",
  "$@1",
  "$K1",
  "\r\n\r\nX-Injected: 1",
];
const hostileText = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 3, arbitrary: fc.constantFrom(...nasty) },
  { weight: 1, arbitrary: fc.uuid().map(String) },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.constantFrom("x".repeat(100_000), "😀".repeat(20_000), "ü".repeat(5_000)) },
);
/** Header values: Node refuses to send control characters, so keep what a client can actually send. */
const headerText = hostileText.map((s) => s.replace(/[^\x20-\x7e]/g, "").slice(0, 4000));
const slugish = fc.oneof(
  fc.constantFrom(POLICY, TRIGGER, "leak-canary", "no-such-challenge", "S3-TLS-ONLY", ` ${POLICY} `, "a".repeat(101)),
  hostileText,
  fc.jsonValue({ maxDepth: 2 }),
);
const answerish = fc.oneof(
  hostileText,
  fc.jsonValue({ maxDepth: 3 }),
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc.constantFrom(
    solution,
    `${solution}\u0000`,
    "throw new Error('x')",
    "process.exit(1)",
    "require('fs').readFileSync('/etc/passwd')",
    "exports.handler = async () => { throw 1 }",
    "exports.handler = 42",
    "{".repeat(10_000),
    "x".repeat(64 * 1024 + 1),
  ),
);
/** %-encoded as a browser would (a lone surrogate becomes U+FFFD first: encodeURIComponent throws on it). */
const urlSegment = (s: string) => encodeURIComponent(Buffer.from(s, "utf8").toString("utf8"));
/** A deeply nested JSON text (arrays or objects), `depth` levels. */
const deepJson = (depth: number, objects: boolean) =>
  objects ? '{"a":'.repeat(depth) + "1" + "}".repeat(depth) : "[".repeat(depth) + "]".repeat(depth);
const contentType = fc.constantFrom(
  "application/json",
  "application/json; charset=utf-8",
  "application/json; charset=utf-16",
  "APPLICATION/JSON",
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=xyz",
  "application/octet-stream",
  "",
  "garbage/\u00e9",
);
/** A request body: JSON of any shape, the right shape with hostile fields, nesting, size, junk bytes. */
const jsonBody = (fields: Record<string, fc.Arbitrary<unknown>>) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.record(fields, { requiredKeys: [] }).map((v) => JSON.stringify(v)) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 5 }).map((v) => JSON.stringify(v)) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.integer({ min: 100, max: 100_000 }), fc.boolean())
        .map(([d, o]) => `{"${Object.keys(fields)[0]}":${deepJson(d, o)}}`),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(9 * 1024, 70 * 1024, 500 * 1024, 3 * 1024 * 1024)
        .map((n) => JSON.stringify(Object.fromEntries(Object.keys(fields).map((k) => [k, "x".repeat(n)])))),
    },
    { weight: 1, arbitrary: hostileText },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        "",
        "null",
        "[]",
        "{",
        '{"__proto__":{"admin":true}}',
        '{"constructor":{"prototype":{"x":1}}}',
        `{"${Object.keys(fields)[0]}":"\\ud800"}`,
      ),
    },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)) },
  );

// ---------- checks ----------

async function bodyOf(res: APIResponse): Promise<string> {
  return (await res.body()).toString("utf8");
}

/** A route handler's answer: below 500; a refusal is `{ error: { code, message } }` with a real message. */
async function expectClearJson(res: APIResponse, what: string, ok: number[]) {
  const text = await bodyOf(res);
  const where = `${what} -> ${res.status()} ${text.slice(0, 300)}`;
  expect(res.status(), where).toBeLessThan(500);
  if (ok.includes(res.status())) return;
  expect(res.status(), where).toBeGreaterThanOrEqual(400);
  expect(res.headers()["content-type"], where).toContain("application/json");
  const err = (JSON.parse(text) as { error?: { code?: unknown; message?: unknown } }).error;
  expect(typeof err?.code, where).toBe("string");
  expect(typeof err?.message, where).toBe("string");
  expect((err!.message as string).length, where).toBeGreaterThan(5);
  expect(err!.message as string, where).not.toContain(GENERIC);
}

/** A server action's answer: below 500; when it ran, `{ ok }` and a real message on failure. */
function expectClearAction(r: Awaited<ReturnType<typeof callServerAction>>, what: string) {
  const where = `${what} -> ${r.status} ${r.body.slice(0, 400)}`;
  expect(r.status, where).toBeLessThan(500);
  if (r.ran) {
    const result = r.result as { ok?: unknown; message?: unknown };
    expect(typeof result.ok, where).toBe("boolean");
    if (result.ok === false) {
      expect(typeof result.message, where).toBe("string");
      expect((result.message as string).length, where).toBeGreaterThan(5);
      expect(result.message as string, where).not.toContain(GENERIC);
    }
  } else if (r.status === 200) {
    // a successful action that redirected (createCohortAction): no result row, a redirect target
    expect(r.actionRedirect, where).toMatch(/^\/[^/\\]/); // a path on this site, never another host
  }
}

// ---------- the people and things the fuzz aims at ----------

type TCtx = APIRequestContext;
const state = {} as {
  anon: TCtx;
  student: TCtx;
  /** a second student: target of admin and instructor actions (disable, remove, extend) */
  victim: TCtx;
  admin: TCtx;
  studentToken: string;
  victimId: string;
  cohortId: string;
  joinCode: string;
  assignmentId: string;
};

async function newUser(
  playwright: { request: { newContext(o: object): Promise<TCtx> } },
  role?: "ADMIN" | "INSTRUCTOR",
): Promise<{ ctx: TCtx; id: string; email: string }> {
  const ctx = await playwright.request.newContext({ baseURL: BASE });
  const email = newEmail("fuzz");
  const id = await apiSignUp(ctx, { email, name: "Fuzz Tester" });
  if (role) await withE2eDb((db) => db.query(`UPDATE "User" SET role = $1 WHERE id = $2`, [role, id]));
  await apiSignIn(ctx, email);
  return { ctx, id, email };
}

const actions = serverActions();
const byName = new Map([...actions.values()].map((a) => [a.name, a]));
function action(name: string) {
  const a = byName.get(name);
  expect(a, `server action ${name} is not in the build's manifest`).toBeDefined();
  return a!;
}
/** The URL of a page that bundles the action (`app/instructor/cohorts/[id]/(tabs)/settings/page` -> a real path). */
function pageOf(name: string): string {
  const page = action(name).pages[0];
  return page
    .replace(/^app/, "")
    .replace(/\/page$/, "")
    .split("/")
    .filter((s) => !/^\(.*\)$/.test(s))
    .join("/")
    .replace("[id]", state.cohortId)
    .replace("[slug]", POLICY)
    .replace("[code]", state.joinCode)
    .replace("[userId]", state.victimId)
    .replace(/^$/, "/");
}
const callAction = (ctx: TCtx, name: string, args: unknown[]) =>
  callServerAction(ctx, { page: pageOf(name), id: action(name).id, args, origin: BASE });

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ playwright }) => {
  state.anon = await playwright.request.newContext({ baseURL: BASE });
  const student = await newUser(playwright);
  const victim = await newUser(playwright);
  const admin = await newUser(playwright, "ADMIN");
  Object.assign(state, { student: student.ctx, victim: victim.ctx, admin: admin.ctx, victimId: victim.id });

  // A cohort of the fuzz admin (created through its action), with the victim as its student and an assignment.
  const created = await callAction(admin.ctx, "createCohortAction", [null, form({ name: "Fuzz cohort" })]);
  expect(created.actionRedirect, created.body.slice(0, 300)).toMatch(/\/instructor\/cohorts\/[0-9a-f-]{36}\//);
  state.cohortId = /\/instructor\/cohorts\/([0-9a-f-]{36})\//.exec(created.actionRedirect!)![1];
  state.joinCode = await withE2eDb(
    async (db) => (await db.query(`SELECT "joinCode" FROM "Cohort" WHERE id = $1`, [state.cohortId])).rows[0].joinCode,
  );
  const joined = await callAction(victim.ctx, "joinCohortAction", [null, form({ code: state.joinCode })]);
  expect(joined.result).toMatchObject({ ok: true });
  const assigned = await callAction(admin.ctx, "createAssignmentsAction", [
    null,
    form({ cohortId: state.cohortId, slugs: POLICY, opensAt: "", dueAt: "", tzOffset: "0" }),
  ]);
  expect(assigned.result).toMatchObject({ ok: true });
  state.assignmentId = await withE2eDb(
    async (db) =>
      (await db.query(`SELECT id FROM "Assignment" WHERE "cohortId" = $1`, [state.cohortId])).rows[0].id as string,
  );
  // The student's API token, through its action (the result carries the secret once).
  const token = await callAction(student.ctx, "createTokenAction", [null, form({ name: "fuzz" })]);
  state.studentToken = (token.result as { data: { token: string } }).data.token;
  expect(state.studentToken).toMatch(/^bst_/);
});

test.afterAll(async () => {
  for (const c of [state.anon, state.student, state.victim, state.admin]) await c?.dispose();
  const total = Object.values(tried).reduce((a, b) => a + b, 0);
  console.log(`fuzz: ${total} hostile inputs tried: ${JSON.stringify(tried)}`);
});

function form(fields: Record<string, string | Blob | (string | Blob)[]>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) f.append(k, x);
  return f;
}

// ---------- route handlers ----------

test("POST /api/submissions: any body, type, size, nesting or token is a clear 4xx or a 202", async () => {
  const body = jsonBody({ challenge: slugish, answer: answerish });
  const bearer = fc.oneof(
    { weight: 6, arbitrary: fc.constant(`Bearer ${state.studentToken}`) },
    {
      weight: 1,
      arbitrary: fc.oneof(
        headerText.map((t) => `Bearer ${t}`),
        fc.constantFrom(
          "Bearer ",
          "Bearer bst_",
          `bearer ${state.studentToken}`,
          "Basic YTpi",
          `Bearer bst_${"a".repeat(200)}`,
        ),
      ),
    },
  );
  await fc.assert(
    fc.asyncProperty(body, contentType, bearer, async (data, type, authorization) => {
      count("POST /api/submissions (bearer)");
      const res = await state.anon.post("/api/submissions", {
        headers: { authorization, ...(type ? { "content-type": type } : {}) },
        data: typeof data === "string" ? Buffer.from(data) : data,
      });
      await expectClearJson(res, `bearer ${type} ${String(data).slice(0, 200)}`, [202]);
      if (res.status() === 202) expect(await res.json()).toMatchObject({ id: expect.any(String), status: "QUEUED" });
    }),
    { numRuns: 140 },
  );
  const origin = fc.oneof(
    { weight: 4, arbitrary: fc.constant(BASE) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(undefined, "http://evil.example", "null", "not a url", `${BASE}.evil.example`),
    },
  );
  await fc.assert(
    fc.asyncProperty(body, contentType, origin, async (data, type, o) => {
      count("POST /api/submissions (cookie)");
      const res = await state.student.post("/api/submissions", {
        headers: { ...(type ? { "content-type": type } : {}), ...(o ? { origin: o } : {}) },
        data: typeof data === "string" ? Buffer.from(data) : data,
      });
      await expectClearJson(res, `cookie ${type} ${o} ${String(data).slice(0, 200)}`, [202]);
    }),
    { numRuns: 60 },
  );
});

test("hostile answers to real challenges are accepted and then graded by the worker", async ({ playwright }) => {
  // Fresh students, so the per-user rate limit (a burst of 5) lets every answer in.
  const students = await Promise.all(Array.from({ length: 8 }, () => newUser(playwright)));
  const policyShaped = fc
    .record({
      Version: fc.oneof(fc.constant("2012-10-17"), hostileText),
      Statement: fc.array(
        fc.record({
          Effect: fc.oneof(fc.constantFrom("Allow", "Deny"), hostileText),
          Action: fc.oneof(hostileText, fc.array(hostileText, { maxLength: 3 })),
          Resource: fc.oneof(hostileText, fc.constant("*")),
          Condition: fc.dictionary(hostileText, fc.dictionary(hostileText, hostileText, { maxKeys: 2 }), {
            maxKeys: 2,
          }),
        }),
        { maxLength: 3 },
      ),
    })
    .map((v) => JSON.stringify(v));
  const answer = fc.oneof(
    policyShaped,
    hostileText,
    fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
    fc.integer({ min: 10, max: 5_000 }).map((d) => deepJson(d, d % 2 === 0)),
    fc.constantFrom(
      "exports.handler = async (event) => { console.log('\\u0000\\ud800'); return event; }",
      "exports.handler = async () => { throw new Error('\\ud83d') }",
      "exports.handler = async (e) => { e.response = { ['\\u0000']: '\\udfff' }; return e; }",
    ),
  );
  let i = 0;
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(POLICY, POLICY, TRIGGER), answer, async (challenge, text) => {
      count("POST /api/submissions (hostile answers, graded)");
      const { ctx } = students[i++ % students.length];
      const res = await ctx.post("/api/submissions", {
        headers: { "content-type": "application/json", origin: BASE },
        data: Buffer.from(JSON.stringify({ challenge, answer: text })),
      });
      await expectClearJson(res, `${challenge} ${text.slice(0, 200)}`, [202]);
    }),
    { numRuns: 40 },
  );
  for (const s of students) await s.ctx.dispose();
});

test("GET /api/submissions/<id>: any id is a clear 404 (or the caller's own submission)", async () => {
  const id = fc.oneof(
    hostileText.map((s) => urlSegment(s.slice(0, 2000))),
    fc.uuid().map(String),
    fc.constantFrom(
      "%",
      "%zz",
      "..",
      "%2e%2e",
      "a%00b",
      "%ff%fe",
      "x".repeat(5000),
      "00000000-0000-0000-0000-000000000000",
    ),
  );
  await fc.assert(
    fc.asyncProperty(id, fc.boolean(), async (segment, useToken) => {
      count("GET /api/submissions/<id>");
      const ctx = useToken ? state.anon : state.student;
      const res = await ctx.get(`/api/submissions/${segment}`, {
        headers: useToken ? { authorization: `Bearer ${state.studentToken}` } : {},
      });
      expect(res.status(), `${segment.slice(0, 200)} -> ${res.status()}`).toBeLessThan(500);
      // A segment the URL parser folds away (`..`, or empty: the collection, POST only) or Next cannot
      // decode never reaches the route: Next's own 404 page, 405 or 400. Every answer of the route is JSON.
      if (res.headers()["content-type"]?.includes("json"))
        await expectClearJson(res, `GET ${segment.slice(0, 200)}`, [200]);
      else expect([400, 404, 405], `${segment.slice(0, 200)} -> ${res.status()}`).toContain(res.status());
    }),
    { numRuns: 80 },
  );
});

test("POST /api/sign-up and the credentials sign-in: hostile forms get clear refusals", async () => {
  await fc.assert(
    fc.asyncProperty(
      jsonBody({ email: hostileText, name: hostileText, password: hostileText, displayName: hostileText }),
      contentType,
      async (data, type) => {
        count("POST /api/sign-up");
        const res = await state.anon.post("/api/sign-up", {
          headers: type ? { "content-type": type } : {},
          data: typeof data === "string" ? Buffer.from(data) : data,
        });
        await expectClearJson(res, `sign-up ${String(data).slice(0, 200)}`, [201]);
      },
    ),
    { numRuns: 60 },
  );
  const { csrfToken } = (await (await state.anon.get("/api/auth/csrf")).json()) as { csrfToken: string };
  await fc.assert(
    fc.asyncProperty(
      fc.record({
        csrfToken: fc.oneof({ weight: 4, arbitrary: fc.constant(csrfToken) }, hostileText),
        email: fc.oneof(hostileText, fc.emailAddress()),
        password: hostileText,
        json: fc.constantFrom("true", "false", ""),
        callbackUrl: fc.oneof(
          fc.constantFrom("http://evil.example/", "javascript:alert(1)", "/challenges"),
          hostileText,
        ),
      }),
      fc.ipV4(),
      async (fields, ip) => {
        count("POST /api/auth/callback/credentials");
        // Each attempt from its own address: the per-address failure limit must not lock out other specs.
        const res = await state.anon.post("/api/auth/callback/credentials", {
          data: new URLSearchParams(fields).toString(),
          headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": ip },
          maxRedirects: 0,
        });
        const text = await bodyOf(res);
        expect(
          res.status(),
          `${JSON.stringify(fields).slice(0, 300)} -> ${res.status()} ${text.slice(0, 300)}`,
        ).toBeLessThan(500);
        // a hostile callbackUrl never sends the browser to another site
        if (res.status() === 302)
          expect(new URL(res.headers()["location"] ?? "", BASE).origin).toBe(new URL(BASE).origin);
        else if (res.headers()["content-type"]?.includes("json")) {
          const url = (JSON.parse(text) as { url?: string }).url ?? "";
          // a refusal names its reason (next-auth passes the use case's message on in `error=`)
          if (res.status() >= 400) expect(decodeURIComponent(url)).toMatch(/error=.{6,}/);
          expect(decodeURIComponent(url)).not.toContain(GENERIC);
        }
      },
    ),
    { numRuns: 40 },
  );
});

// ---------- server actions ----------

/** The fields each action reads (app/**\/actions.ts), with the real values that get past authorization. */
function actionFields(): Record<string, Record<string, string[]>> {
  const c = [state.cohortId];
  const a = [state.assignmentId];
  const u = [state.victimId];
  return {
    setRoleAction: { userId: u, role: ["STUDENT", "INSTRUCTOR", "ADMIN", "admin"] },
    setDisabledAction: { userId: u, disabled: ["true", "false"] },
    retryJobAction: { jobId: [] },
    revealHintAction: { challenge: [POLICY], index: ["0", "1", "99", "-1"] },
    joinCohortAction: { code: [state.joinCode] },
    joinByLinkAction: { code: [state.joinCode] },
    createCohortAction: { name: [] },
    renameCohortAction: { cohortId: c, name: [] },
    setArchivedAction: { cohortId: c, archived: ["true", "false"] },
    rotateJoinCodeAction: { cohortId: c },
    removeStudentAction: { cohortId: c, userId: u },
    addCoInstructorAction: { cohortId: c, email: [] },
    removeCoInstructorAction: { cohortId: c, userId: u },
    createAssignmentsAction: { cohortId: c, slugs: [POLICY, TRIGGER], opensAt: [], dueAt: [], tzOffset: ["0", "-60"] },
    updateAssignmentAction: { cohortId: c, assignmentId: a, opensAt: [], dueAt: [], tzOffset: ["0"] },
    removeAssignmentAction: { cohortId: c, assignmentId: a },
    setExtensionAction: { cohortId: c, assignmentId: a, userId: u, dueAt: ["2030-01-01T10:00"], tzOffset: ["0"] },
    removeExtensionAction: { cohortId: c, assignmentId: a, userId: u },
    createTokenAction: { name: [] },
    revokeTokenAction: { id: [] },
    updateProfileAction: { displayName: [] },
  };
}
/** Actions of a student's own pages; every other one runs as the fuzz admin (who also teaches the cohort). */
const STUDENT_ACTIONS = new Set([
  "revealHintAction",
  "joinCohortAction",
  "joinByLinkAction",
  "createTokenAction",
  "revokeTokenAction",
  "updateProfileAction",
]);
/** Actions that take positional arguments rather than (prevState, FormData). */
const POSITIONAL = new Set(["submitAnswerAction"]);
/** Takes no input; as an admin it would re-sync the catalogue (other specs' fixtures): students only. */
const NO_INPUT = new Set(["syncChallengesAction"]);

function formArbitrary(fields: Record<string, string[]>): fc.Arbitrary<FormData> {
  const value = (real: string[]) =>
    real.length ? fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...real) }, hostileText) : hostileText;
  const entry = fc.oneof(
    { weight: 8, arbitrary: fc.constant("text") },
    { weight: 1, arbitrary: fc.constant("missing") },
    { weight: 1, arbitrary: fc.constant("twice") },
    { weight: 1, arbitrary: fc.constant("file") },
  );
  const one = ([name, real]: [string, string[]]) => fc.tuple(fc.constant(name), entry, value(real), value(real));
  return fc
    .record({
      given: fc.tuple(...Object.entries(fields).map(one)),
      // Field names a form could carry: control characters in a part header, or one over 16 KB, are
      // protocol garbage busboy refuses (see the next test).
      extra: fc.dictionary(
        hostileText.map((k) => k.replace(/\p{Cc}/gu, "").slice(0, 200)),
        hostileText,
        { maxKeys: 2 },
      ),
    })
    .map(({ given, extra }) => {
      const f = new FormData();
      for (const [name, how, v1, v2] of given) {
        if (how === "missing") continue;
        if (how === "file") f.append(name, new Blob([v1], { type: "application/octet-stream" }), "x.bin");
        else f.append(name, v1);
        if (how === "twice") f.append(name, v2);
      }
      for (const [k, v] of Object.entries(extra)) f.append(k, v);
      return f;
    });
}

test("every server action: hostile form fields get { ok: false, message } or succeed, never a 500", async () => {
  test.setTimeout(120_000);
  const fields = actionFields();
  for (const a of actions.values()) {
    if (POSITIONAL.has(a.name) || NO_INPUT.has(a.name)) continue;
    expect(fields[a.name], `fields of ${a.name} (a new action? list what it reads)`).toBeDefined();
  }
  for (const [name, shape] of Object.entries(fields)) {
    // Admin-only and instructor actions as the fuzz admin (who teaches the cohort); the rest as the student.
    const who = STUDENT_ACTIONS.has(name) ? state.student : state.admin;
    await fc.assert(
      fc.asyncProperty(formArbitrary(shape), async (f) => {
        count(`action ${name}`);
        expectClearAction(
          await callAction(who, name, [null, f]),
          `${name} ${JSON.stringify([...f.entries()]).slice(0, 300)}`,
        );
      }),
      { numRuns: 12 },
    );
  }
  // The editor's submit: (slug, answer) as plain arguments.
  await fc.assert(
    fc.asyncProperty(slugish, answerish, async (slug, answer) => {
      count("action submitAnswerAction");
      expectClearAction(
        await callAction(state.student, "submitAnswerAction", [slug, answer]),
        `submitAnswerAction ${JSON.stringify([slug, answer]).slice(0, 300)}`,
      );
    }),
    { numRuns: 30 },
  );
});

test("every server action: wrong argument shapes, foreign origins, oversized and garbage bodies", async () => {
  // Arguments of the wrong shape, encoded the way React's client encodes anything.
  const args = fc.array(fc.oneof(fc.jsonValue({ maxDepth: 3 }), hostileText), { maxLength: 4 });
  for (const a of actions.values()) {
    if (NO_INPUT.has(a.name)) continue;
    await fc.assert(
      fc.asyncProperty(args, async (list) => {
        count(`action ${a.name} (argument shapes)`);
        expectClearAction(
          await callAction(state.student, a.name, list),
          `${a.name} ${JSON.stringify(list).slice(0, 300)}`,
        );
      }),
      { numRuns: 4 },
    );
  }
  // Headers and sizes Next itself would answer with a bare 500: proxy.ts answers a clear 4xx first.
  const target = action("updateProfileAction");
  const page = pageOf("updateProfileAction");
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(
        fc.constantFrom(
          "http://evil.example",
          "null",
          "not a url",
          "http://",
          `${BASE}.evil.example`,
          "http://127.0.0.1:1",
        ),
        headerText,
      ),
      async (origin) => {
        count("action (foreign or malformed Origin)");
        const res = await state.student.post(page, {
          headers: { "next-action": target.id, origin, "content-type": "text/plain;charset=UTF-8" },
          data: '[null,"x"]',
          maxRedirects: 0,
        });
        // 200: no Origin went out (an empty header is dropped) and the action refused the arguments itself
        await expectClearJson(res, `Origin ${origin.slice(0, 100)}`, [200]);
      },
    ),
    { numRuns: 30 },
  );
  for (const size of [300 * 1024, 2 * 1024 * 1024]) {
    count("action (oversized body)");
    const res = await state.student.post(page, {
      headers: { "next-action": target.id, origin: BASE, accept: "text/x-component" },
      multipart: form({ "0": '[null,"$K1"]', _1_displayName: "x".repeat(size) }),
    });
    await expectClearJson(res, `oversized action body (${size} bytes)`, []);
    expect(res.status()).toBe(413);
  }
  // Unknown and malformed action ids: Next's own clear 4xx.
  for (const id of ["00" + "a".repeat(40), "x", "", "../", "7f".repeat(21), "\u00e9"]) {
    count("action (unknown id)");
    const res = await state.student.post(page, {
      headers: { "next-action": encodeURIComponent(id), origin: BASE, "content-type": "text/plain" },
      data: "[]",
    });
    expect(res.status(), `id ${id} -> ${res.status()}`).toBeLessThan(500);
  }
  // Protocol garbage React's reply decoder would answer with a bare 500: proxy.ts checks the body's
  // shape first (app/_lib/action-body.ts) and answers 400 with a message. The server keeps serving:
  // health, and a normal action right after.
  const garbage: [string, () => Promise<APIResponse>][] = [
    ["Flight root that is not an argument list", () => postText('"x"')],
    ["broken Flight text", () => postText("[null, {")],
    ["reference to a missing part", () => postText('["$@99"]')],
    [
      "control character in a part name",
      () =>
        state.student.post(page, {
          headers: { "next-action": target.id, origin: BASE, accept: "text/x-component" },
          multipart: form({ "0": '[null,"$K1"]', "_1_\u0001": "x" }),
        }),
    ],
    [
      "part header over 16 KB",
      () =>
        state.student.post(page, {
          headers: { "next-action": target.id, origin: BASE, accept: "text/x-component" },
          multipart: form({ "0": '[null,"$K1"]', [`_1_${"n".repeat(20_000)}`]: "x" }),
        }),
    ],
  ];
  function postText(data: string) {
    return state.student.post(page, {
      headers: { "next-action": target.id, origin: BASE, "content-type": "text/plain;charset=UTF-8" },
      data,
    });
  }
  for (const [what, send] of garbage) {
    count("action (protocol garbage)");
    const res = await send();
    await expectClearJson(res, what, []);
    expect(res.status(), what).toBe(400);
    expect((await state.anon.get("/api/health")).status()).toBe(200);
  }
  const after = await callAction(state.student, "updateProfileAction", [null, form({ displayName: "Still Here" })]);
  expect(after.result).toMatchObject({ ok: true });
});

// ---------- pages ----------

test("dynamic pages with hostile path segments and queries render an answer, never a 500", async () => {
  const seg = fc.oneof(
    hostileText.map((s) => urlSegment(s.slice(0, 500))),
    fc.uuid().map(String),
    fc.constantFrom("------------------------------------", "0123456789abcdef0123456789abcdef0123"),
  );
  const pages = (s: string, q: string) => [
    `/challenges/${s}`,
    `/cohorts/${s}/leaderboard?page=${q}`,
    `/instructor/cohorts/${s}`,
    `/instructor/cohorts/${s}/settings`,
    `/instructor/cohorts/${s}/assignments`,
    `/instructor/cohorts/${state.cohortId}/students/${s}/challenges/${q}`,
    `/join/${s}`,
    `/leaderboard?page=${q}`,
    `/sign-in?next=${q}`,
    `/instructor/cohorts/${state.cohortId}?challenge=${q}&sort=${s}`,
  ];
  await fc.assert(
    fc.asyncProperty(seg, seg, fc.nat({ max: 9 }), async (s, q, i) => {
      count("GET page");
      const url = pages(s, q)[i];
      const res = await state.admin.get(url, { maxRedirects: 0 });
      expect(res.status(), `${url.slice(0, 300)} -> ${res.status()}`).toBeLessThan(500);
    }),
    { numRuns: 40 },
  );
});

// ---------- afterwards ----------

test("afterwards: healthy, every hostile answer graded, and a valid answer is graded", async ({ playwright }) => {
  const health = await state.anon.get("/api/health");
  expect(health.status()).toBe(200);
  expect(await health.json()).toMatchObject({ ok: true });

  // Every submission the fuzz got in (random answers to real challenges) was graded: nothing crashed
  // the worker or left a row behind.
  await expect
    .poll(
      () =>
        withE2eDb(
          async (db) =>
            (
              await db.query(
                `SELECT count(*)::int AS n FROM "Submission" s JOIN "User" u ON u.id = s."userId"
                 WHERE u.email LIKE 'fuzz-%' AND s.status IN ('QUEUED', 'RUNNING')`,
              )
            ).rows[0].n as number,
        ),
      { timeout: 90_000, intervals: [1_000] },
    )
    .toBe(0);
  const outcome = await withE2eDb(
    async (db) =>
      (
        await db.query(
          `SELECT s.status, count(*)::int AS n FROM "Submission" s JOIN "User" u ON u.id = s."userId"
           WHERE u.email LIKE 'fuzz-%' GROUP BY s.status`,
        )
      ).rows as { status: string; n: number }[],
  );
  console.log(`fuzz: submissions that got in, by final status: ${JSON.stringify(outcome)}`);
  expect(outcome.filter((r) => r.status !== "GRADED")).toEqual([]);

  // A fresh student's valid answer, through the API, graded by the same worker.
  const { ctx } = await newUser(playwright);
  const res = await ctx.post("/api/submissions", {
    headers: { "content-type": "application/json", origin: BASE },
    data: { challenge: POLICY, answer: solution },
  });
  expect(res.status(), await res.text()).toBe(202);
  const { id } = (await res.json()) as { id: string };
  await expect
    .poll(async () => ((await (await ctx.get(`/api/submissions/${id}`)).json()) as { status: string }).status, {
      timeout: 60_000,
    })
    .toBe("GRADED");
  expect(((await (await ctx.get(`/api/submissions/${id}`)).json()) as { score: number }).score).toBe(1);
  await ctx.dispose();
  const total = Object.values(tried).reduce((a, b) => a + b, 0);
  test.info().annotations.push({ type: "fuzz inputs tried", description: String(total) });
});
