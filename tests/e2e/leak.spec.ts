import { expect, test, type APIRequestContext } from "@playwright/test";
import { readdirSync, readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join, relative, sep } from "node:path";
import { ACTIONS, form, ROLES, ROUTES, seedFixture, type TRole } from "./authz-matrix";
import { callServerAction, DIST_DIR, newEmail, serverActions, signUp, withE2eDb } from "./helpers";

// tests/fixtures/leak/leak-canary is a challenge whose hidden cases, instructor notes, solution,
// mutants and explanation carry marker strings. Nothing a student can fetch may contain any of them.
const MARKERS = [
  "CANARY-INSTRUCTOR-NOTES-7f3a",
  "CANARY-HIDDEN-TITLE-7f3a",
  "canaryhidden7f3a",
  "CanarySolution7f3a",
  "CanaryMutant7f3a",
  "CANARY-EXPLANATION-7f3a",
];
const SLUG = "leak-canary";

// Another spec's admin "Sync now" loads only challenges/ and so retires the canary: load it again.
test.beforeAll(() => {
  execFileSync(process.execPath, ["--import", "tsx", "tests/e2e/sync-challenges.ts"], {
    env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL, LOG_LEVEL: "silent" },
    stdio: "ignore",
  });
});

function leaksIn(body: string): string[] {
  return MARKERS.filter((m) => body.includes(m));
}

test("no page, payload, script, API answer or event served to a student contains a secret of the challenge", async ({
  page,
  baseURL,
}) => {
  const seen: { url: string; leaks: string[] }[] = [];
  page.on("response", async (res) => {
    try {
      const body = await res.text();
      seen.push({ url: res.url(), leaks: leaksIn(body) });
    } catch {
      /* redirects and aborted requests have no body */
    }
  });
  await signUp(page, { email: newEmail("leak") });
  await page.goto("/challenges");
  await page.goto(`/challenges/${SLUG}`);
  await expect(page.getByRole("heading", { name: /Leak canary/ }).first()).toBeVisible();

  // Use the page the way a student would: run the visible tests, submit a wrong answer, see the result.
  const runTests = page.getByRole("button", { name: /run visible tests/i });
  if (await runTests.count()) await runTests.first().click();
  // A wrong answer of the student's own (the fixture's mutant files carry a marker of their own).
  const wrong = readFileSync(`tests/fixtures/leak/${SLUG}/mutants/allow-only-over-tls.json`, "utf8").replaceAll(
    "CanaryMutant7f3a",
    "Mine",
  );
  const submit = await page.request.post("/api/submissions", {
    headers: { "content-type": "application/json", origin: baseURL! },
    data: { challenge: SLUG, answer: wrong },
  });
  expect(submit.status()).toBe(202);
  const { id } = await submit.json();
  await expect
    .poll(async () => (await (await page.request.get(`/api/submissions/${id}`)).json()).status, { timeout: 20_000 })
    .toBe("GRADED");
  const result = await (await page.request.get(`/api/submissions/${id}`)).text();
  expect(leaksIn(result)).toEqual([]);
  const report = JSON.parse(result).report as { cases: { visibility: string; passed: boolean }[] };
  expect(report.cases.filter((c) => c.visibility === "hidden").length).toBeGreaterThan(0);
  const events = await (await page.request.get(`/api/submissions/${id}/events`)).text();
  expect(leaksIn(events)).toEqual([]);

  // The React Server Components payload of the page, as the client router fetches it.
  const rsc = await page.request.get(`/challenges/${SLUG}`, { headers: { RSC: "1" } });
  expect(leaksIn(await rsc.text())).toEqual([]);

  // Every script the page loaded, and their source maps (which must not be served at all).
  const scripts = await page.evaluate(() => Array.from(document.scripts, (s) => s.src).filter(Boolean));
  expect(scripts.length).toBeGreaterThan(0);
  for (const src of scripts) {
    const js = await page.request.get(src);
    expect(leaksIn(await js.text()), src).toEqual([]);
    const map = await page.request.get(`${src}.map`);
    expect(map.status(), `${src}.map`).not.toBe(200);
  }

  await page.reload();
  await page.waitForLoadState("networkidle");
  const leaking = seen.filter((s) => s.leaks.length);
  expect(leaking).toEqual([]);
  expect(seen.length).toBeGreaterThan(5);
});

/** The student's own wrong answer: the fixture's mutant without its marker. */
const wrongAnswer = () =>
  readFileSync(`tests/fixtures/leak/${SLUG}/mutants/allow-only-over-tls.json`, "utf8").replaceAll(
    "CanaryMutant7f3a",
    "Mine",
  );

test("every response a student can fetch: each page as HTML and RSC, API answers, action results, scripts, source maps and error pages", async ({
  playwright,
}, testInfo) => {
  test.setTimeout(300_000);
  const origin = testInfo.project.use.baseURL!;
  const contexts = Object.fromEntries(
    await Promise.all(ROLES.map(async (r) => [r, await playwright.request.newContext({ baseURL: origin })])),
  ) as Record<TRole, APIRequestContext>;
  try {
    // Cohort A has the canary assigned; `student` is in it (authz-matrix.ts builds the same world).
    const f = await seedFixture(contexts, { slug: SLUG, unassignedSlug: "s3-tls-only" });
    const student = contexts.student;
    const seen: { what: string; url: string; status: number }[] = [];
    const leaks: string[] = [];
    const assets = new Set<string>();
    const record = (what: string, url: string, status: number, body: string) => {
      seen.push({ what, url, status });
      const found = leaksIn(body);
      if (found.length) leaks.push(`${what} ${url} (${status}): ${found.join(", ")}`);
      for (const m of body.matchAll(/\/_next\/static\/[^"'\s)\\<>]+/g)) assets.add(m[0]);
    };

    // A graded wrong answer of the student's: the hidden cases fail, which is when a report could say too much.
    const submit = await student.post("/api/submissions", { data: { challenge: SLUG, answer: wrongAnswer() } });
    record("api", "POST /api/submissions", submit.status(), await submit.text());
    expect(submit.status()).toBe(202);
    const { id } = (await submit.json()) as { id: string };
    await expect
      .poll(async () => (await (await student.get(`/api/submissions/${id}`)).json()).status, { timeout: 30_000 })
      .toBe("GRADED");
    for (const url of [`/api/submissions/${id}`, `/api/submissions/${id}/events`]) {
      const res = await student.get(url);
      record("api", url, res.status(), await res.text());
    }

    // Every page and route handler of the authorization matrix (so a new page is walked too), as the
    // student: the HTML and the RSC payload the client router fetches.
    for (const entry of ROUTES) {
      const [method] = entry.key.split(" ");
      for (const c of entry.cases) {
        const path = c.path(f);
        if (method === "page") {
          const html = await student.get(path, { maxRedirects: 0 });
          record("html", path, html.status(), await html.text());
          const rsc = await student.get(path, { headers: { RSC: "1" } });
          record("rsc", path, rsc.status(), await rsc.text());
        } else {
          const res =
            method === "POST"
              ? await student.post(path, { data: c.body?.(f) ?? {}, maxRedirects: 0 })
              : await student.get(path, { maxRedirects: 0 });
          record("api", `${method} ${path}`, res.status(), await res.text());
        }
      }
    }

    // Every server action, called directly as the student (whatever it answers, the payload is read),
    // and the canary's second hint (the matrix reveals the first).
    const built = serverActions();
    await withE2eDb(async (db) => {
      for (const entry of ACTIONS) {
        for (const c of entry.cases) {
          const ctx = { f, db, role: "student" as const };
          const target = await c.setup(ctx);
          const page = c.page(f, target);
          const res = await callServerAction(student, {
            page,
            id: built.get(entry.key)!.id,
            args: c.args(ctx, target),
            origin,
          });
          record("action", `${entry.key} at ${page}`, res.status, res.body);
        }
      }
      const hint = await callServerAction(student, {
        page: `/challenges/${SLUG}`,
        id: built.get("app/challenges/[slug]/actions.ts#revealHintAction")!.id,
        args: [null, form({ challenge: SLUG, index: "1" })],
        origin,
      });
      record("action", "reveal hint 2", hint.status, hint.body);
      expect(hint.ran, "the second hint was not revealed").toBe(true);
    });

    // Error pages: 404 for a page that does not exist. The error boundary (app/error.tsx) is a static
    // client component: its script is among the /_next/static files checked below. The requests that
    // used to reach it (a page number past bigint, a broken %-escape) are answered with a page or a
    // 4xx now, and their bodies are checked like every other response.
    for (const path of ["/no-such-page-7f3a", "/challenges/no-such-challenge"]) {
      const res = await student.get(path);
      record("404", path, res.status(), await res.text());
      expect(res.status(), path).toBe(404);
    }
    for (const path of ["/leaderboard?page=99999999999999999999", "/join/%ZZ", "/challenges/%E0%A4%A"]) {
      for (const rsc of [false, true]) {
        const res = await student.get(path, rsc ? { headers: { RSC: "1" } } : {});
        record(rsc ? "odd address (rsc)" : "odd address", path, res.status(), await res.text());
        expect(res.status(), `${path} is answered, not a server error`).toBeLessThan(500);
      }
    }
    expect(
      seen.some((s) => s.status === 403),
      "no 403 page was fetched",
    ).toBe(true);

    // Every script and style the pages referenced, and everything else the build serves from
    // /_next/static: none may carry a secret, and no source map may be served (the build makes none:
    // a script that names one must have it checked too).
    for (const file of readdirSync(join(DIST_DIR, "static"), { recursive: true, withFileTypes: true })) {
      if (file.isFile())
        assets.add(
          `/_next/static/${relative(join(DIST_DIR, "static"), join(file.parentPath, file.name)).split(sep).join("/")}`,
        );
    }
    const referenced = seen.length;
    let scripts = 0;
    let maps = 0;
    for (const asset of [...assets].filter((a) => !a.endsWith(".map"))) {
      const res = await student.get(asset);
      const body = await res.text();
      record("asset", asset, res.status(), body);
      expect(res.status(), asset).toBe(200);
      if (!asset.endsWith(".js")) continue;
      scripts++;
      const named = /\/\/[#@] sourceMappingURL=(\S+)\s*$/.exec(body)?.[1];
      const mapUrl = new URL(named ?? `${asset}.map`, new URL(asset, origin)).pathname;
      const map = await student.get(mapUrl);
      record("source map", mapUrl, map.status(), await map.text());
      if (named) expect(map.status(), mapUrl).toBe(200);
      else expect(map.status(), `${mapUrl} is served`).toBe(404);
      maps++;
    }
    for (const asset of [...assets].filter((a) => a.endsWith(".map"))) {
      const res = await student.get(asset);
      record("source map", asset, res.status(), await res.text());
    }

    console.log(
      `leak test: ${referenced} pages/payloads/answers, ${scripts} scripts (${maps} source-map requests), ${assets.size} static files, ${seen.length} responses in all`,
    );
    expect(leaks).toEqual([]);
    expect(scripts).toBeGreaterThan(10);
    expect(seen.filter((s) => s.what === "html").length).toBeGreaterThanOrEqual(
      ROUTES.filter((e) => e.key.startsWith("page ")).length,
    );
  } finally {
    await Promise.all(Object.values(contexts).map((c) => c.dispose()));
  }
});
