import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, type Dirent } from "node:fs";
import { join, relative, sep } from "node:path";
import {
  ACTIONS,
  ROLES,
  ROUTES,
  seedFixture,
  type TActionOutcome,
  type TFixture,
  type THttp,
  type TRole,
} from "./authz-matrix";
import { callServerAction, serverActions, withE2eDb, type TActionResponse } from "./helpers";

// Issue #9: every page, route handler and server action x every role -> the expected answer, from
// the data in authz-matrix.ts. Server actions are called directly over HTTP (as a script would),
// not through the UI, and their effect is read back from the database.

// ---------------------------------------------------------------------------------------------
// What app/ contains, read from the source tree

const APP = "app";

function files(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as Dirent[])
    .filter((d) => d.isFile())
    .map((d) => relative(".", join(d.parentPath, d.name)).split(sep).join("/"));
}

/** `app/instructor/cohorts/[id]/(tabs)/settings/page.tsx` -> `/instructor/cohorts/[id]/settings`. */
function routeOf(file: string): string {
  const segments = file.split("/").slice(1, -1);
  return "/" + segments.filter((s) => !/^\(.*\)$/.test(s) && !s.startsWith("@")).join("/");
}

function exportedNames(source: string): string[] {
  const names = new Set<string>();
  for (const m of source.matchAll(/export\s+(?:async\s+)?function\s*\*?\s*(\w+)/g)) names.add(m[1]);
  for (const m of source.matchAll(/export\s+(?:const|let|var)\s+(\w+)/g)) names.add(m[1]);
  for (const m of source.matchAll(/export\s*\{([^}]*)\}/g))
    for (const part of m[1].split(",")) {
      const name = part
        .trim()
        .split(/\s+as\s+/)
        .pop()
        ?.trim();
      if (name) names.add(name);
    }
  if (/export\s+default\b/.test(source)) names.add("default");
  return [...names];
}

const USE_SERVER = /^(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*["']use server["']/;
const HTTP_METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]);

function appSurface() {
  const all = files(APP).filter((f) => /\.(ts|tsx|js|jsx|mts)$/.test(f));
  const routes: string[] = [];
  const actions: string[] = [];
  const inline: string[] = [];
  for (const file of all) {
    const source = readFileSync(file, "utf8");
    const base = file.split("/").pop()!;
    if (/^page\.(tsx|ts|jsx|js)$/.test(base)) routes.push(`page ${routeOf(file)}`);
    if (/^route\.(ts|js)$/.test(base))
      for (const name of exportedNames(source)) if (HTTP_METHODS.has(name)) routes.push(`${name} ${routeOf(file)}`);
    if (USE_SERVER.test(source)) for (const name of exportedNames(source)) actions.push(`${file}#${name}`);
    else if (/["']use server["']/.test(source)) inline.push(file);
  }
  return { routes, actions, inline };
}

// ---------------------------------------------------------------------------------------------
// Checking one answer

function checkHttp(expected: THttp, res: APIResponse, path: string, isPage: boolean, body: string): string | null {
  const status = res.status();
  const location = res.headers()["location"];
  const got = `${status}${location ? ` -> ${location}` : ""}`;
  if (typeof expected === "number") {
    if (status !== expected) return `expected ${expected}, got ${got}`;
    // A page that renders its 404 or 403 inside a 200 (a "soft" error) carries this tag.
    if (isPage && status === 200 && body.includes('<meta name="robots" content="noindex"/>'))
      return "expected 200, got an error page (noindex) with status 200";
    return null;
  }
  const url = location ? new URL(location, "http://x") : null;
  if (expected.kind === "sign-in") {
    if (status !== 307 || !url || url.pathname !== "/sign-in" || url.searchParams.get("next") !== path)
      return `expected 307 -> /sign-in?next=${path}, got ${got}`;
    return null;
  }
  if (status !== expected.status || !url || url.pathname + url.search !== expected.to)
    return `expected ${expected.status} -> ${expected.to}, got ${got}`;
  return null;
}

function describeAction(res: TActionResponse): string {
  if (res.ran) return `${res.status} ${JSON.stringify(res.result)}`;
  if (res.actionRedirect) return `${res.status} action redirect ${res.actionRedirect}`;
  return `${res.status}${res.location ? ` -> ${res.location}` : ""} ${res.body.slice(0, 80)}`;
}

const matches = (m: string | RegExp | undefined, s: unknown) =>
  m === undefined || (typeof s === "string" && (typeof m === "string" ? s === m : m.test(s)));

function checkAction(expected: TActionOutcome, res: TActionResponse, page: string): string | null {
  const got = describeAction(res);
  const result = res.result as { ok?: boolean; message?: string } | undefined;
  switch (expected.kind) {
    case "sign-in": {
      const url = res.location ? new URL(res.location) : null;
      if (res.status !== 307 || url?.pathname !== "/sign-in" || url.searchParams.get("next") !== page)
        return `expected 307 -> /sign-in?next=${page} (action not run), got ${got}`;
      return null;
    }
    case "unavailable":
      if (res.status !== 409 || res.body !== "Server Action unavailable." || res.ran)
        return `expected 409 "Server Action unavailable." (action not run), got ${got}`;
      return null;
    case "denied":
      if (!res.ran || result?.ok !== false || !matches(expected.message, result.message))
        return `expected { ok: false, message: ${expected.message} }, got ${got}`;
      return null;
    case "ok":
      if (expected.redirect) {
        if (res.status !== 200 || !res.actionRedirect || !expected.redirect.test(res.actionRedirect))
          return `expected a redirect matching ${expected.redirect}, got ${got}`;
        return null;
      }
      if (res.status !== 200 || !res.ran || result?.ok !== true || !matches(expected.message, result.message))
        return `expected { ok: true${expected.message ? `, message: ${expected.message}` : ""} }, got ${got}`;
      return null;
  }
}

/** `app/instructor/cohorts/[id]/(tabs)/settings/page` (a manifest worker) -> a regex of its URLs. */
function workerPattern(worker: string): RegExp {
  const route = routeOf(`${worker}.tsx`);
  const source = route
    .split("/")
    .map((s) => (/^\[.*\]$/.test(s) ? "[^/]+" : s.replace(/[.*+?^${}()|\\]/g, "\\$&")))
    .join("/");
  return new RegExp(`^${source || "/"}$`);
}

// ---------------------------------------------------------------------------------------------

let contexts: Record<TRole, APIRequestContext>;
let fx: TFixture;
let origin: string;

test.beforeAll(async ({ playwright }, testInfo) => {
  test.setTimeout(120_000);
  origin = testInfo.project.use.baseURL!;
  contexts = Object.fromEntries(
    await Promise.all(ROLES.map(async (r) => [r, await playwright.request.newContext({ baseURL: origin })])),
  ) as Record<TRole, APIRequestContext>;
  fx = await seedFixture(contexts, { slug: "s3-tls-only", unassignedSlug: "iam-require-mfa" });
});

test.afterAll(async () => {
  await Promise.all(Object.values(contexts ?? {}).map((c) => c.dispose()));
  // The admin's "sync now" above loads only challenges/ and so retires the leak canary: load it again.
  execFileSync(process.execPath, ["--import", "tsx", "tests/e2e/sync-challenges.ts"], {
    env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL, LOG_LEVEL: "silent" },
    stdio: "ignore",
  });
});

test("the matrix lists every page, route handler and server action of app/, and nothing else", () => {
  const app = appSurface();
  const inMatrix = { routes: ROUTES.map((r) => r.key), actions: ACTIONS.map((a) => a.key) };
  const built = [...serverActions().keys()];
  expect(app.routes.length).toBeGreaterThan(20);
  expect(app.actions.length).toBeGreaterThan(20);
  expect({
    "routes missing from the matrix": app.routes.filter((r) => !inMatrix.routes.includes(r)),
    "matrix routes with no page or route.ts": inMatrix.routes.filter((r) => !app.routes.includes(r)),
    "server actions missing from the matrix": app.actions.filter((a) => !inMatrix.actions.includes(a)),
    "matrix actions that app/ does not export": inMatrix.actions.filter((a) => !app.actions.includes(a)),
    "actions of the build missing from the matrix": built.filter((a) => !inMatrix.actions.includes(a)),
    "inline 'use server' functions (give them a file of their own)": app.inline,
    "duplicate matrix keys": [...inMatrix.routes, ...inMatrix.actions].filter((k, i, all) => all.indexOf(k) !== i),
    "entries without cases": [...ROUTES, ...ACTIONS].filter((e) => e.cases.length === 0).map((e) => e.key),
  }).toEqual({
    "routes missing from the matrix": [],
    "matrix routes with no page or route.ts": [],
    "server actions missing from the matrix": [],
    "matrix actions that app/ does not export": [],
    "actions of the build missing from the matrix": [],
    "inline 'use server' functions (give them a file of their own)": [],
    "duplicate matrix keys": [],
    "entries without cases": [],
  });
});

test("every page and route handler answers each role as the matrix says", async () => {
  test.setTimeout(180_000);
  const failures: string[] = [];
  let checked = 0;
  for (const entry of ROUTES) {
    const [method] = entry.key.split(" ");
    const isPage = method === "page";
    for (const c of entry.cases) {
      const path = c.path(fx);
      for (const role of ROLES) {
        const request = contexts[role];
        const res =
          method === "POST"
            ? await request.post(path, { data: c.body?.(fx) ?? {}, maxRedirects: 0 })
            : await request.get(path, { maxRedirects: 0 });
        const problem = checkHttp(c.expect[role], res, path, isPage, await res.text());
        if (problem) failures.push(`${entry.key} [${c.name}] as ${role}: ${problem}`);
        checked++;
      }
    }
  }
  const cases = ROUTES.reduce((n, e) => n + e.cases.length, 0);
  console.log(
    `authz matrix: ${ROUTES.length} pages/route methods, ${cases} cases x ${ROLES.length} roles = ${checked} requests`,
  );
  expect(failures).toEqual([]);
  expect(checked).toBe(cases * ROLES.length);
});

test("every server action, called directly, answers each role as the matrix says and changes only what it may", async () => {
  test.setTimeout(300_000);
  const built = serverActions();
  const failures: string[] = [];
  let checked = 0;
  let ran = 0;
  let bypasses = 0;
  const bypassAnswers = new Set<string>();
  await withE2eDb(async (db) => {
    for (const entry of ACTIONS) {
      const ref = built.get(entry.key);
      expect(ref, `${entry.key} is not in this build's server-reference manifest`).toBeDefined();
      for (const c of entry.cases) {
        for (const role of ROLES) {
          const ctx = { f: fx, db, role };
          const target = await c.setup(ctx);
          const page = c.page(fx, target);
          // Post it where the UI would: a page whose bundle carries the action.
          expect(
            ref!.pages.some((w) => workerPattern(w).test(new URL(page, origin).pathname)),
            `${page} is not one of ${entry.key}'s pages (${ref!.pages.join(", ")})`,
          ).toBe(true);
          const res = await callServerAction(contexts[role], { page, id: ref!.id, args: c.args(ctx, target), origin });
          const expected = c.expect[role];
          const problem = checkAction(expected, res, page);
          const changed = await c.changed(ctx, target);
          const where = `${entry.key} [${c.name}] as ${role}`;
          if (problem) failures.push(`${where}: ${problem}`);
          if (changed !== (expected.kind === "ok"))
            failures.push(`${where}: the database ${changed ? "changed although it was refused" : "did not change"}`);
          if (res.ran) ran++;
          checked++;

          // Where the proxy is what stops the call, try around it: post the action to a page this role
          // may open (Next forwards it to the action's own page), also claiming it was forwarded already.
          if (expected.kind === "sign-in" || expected.kind === "unavailable") {
            const open = role === "anon" ? "/sign-in" : `/challenges/${fx.slug}`;
            for (const headers of [{}, { "x-action-forwarded": "1" }] as Record<string, string>[]) {
              const t = await c.setup(ctx);
              const res = await callServerAction(contexts[role], {
                page: open,
                id: ref!.id,
                args: c.args(ctx, t),
                origin,
                headers,
              });
              const how = `${where}, posted to ${open}${Object.keys(headers).length ? " as if forwarded" : ""}`;
              if (res.ran) failures.push(`${how}: the action ran: ${describeAction(res)}`);
              if (await c.changed(ctx, t)) failures.push(`${how}: the database changed`);
              bypasses++;
              bypassAnswers.add(
                `${role === "anon" ? "signed out" : "signed in"}${Object.keys(headers).length ? ", as if forwarded" : ""}: ${res.status} ${res.body.slice(0, 40)}`,
              );
            }
          }
        }
      }
    }
  });
  const cases = ACTIONS.reduce((n, e) => n + e.cases.length, 0);
  console.log(
    `authz matrix: ${ACTIONS.length} server actions, ${cases} cases x ${ROLES.length} roles = ${checked} calls (${ran} reached the action), plus ${bypasses} calls around the proxy`,
  );
  console.log(`answers around the proxy: ${[...bypassAnswers].join(" | ")}`);
  expect(failures).toEqual([]);
  expect(checked).toBe(cases * ROLES.length);
});
