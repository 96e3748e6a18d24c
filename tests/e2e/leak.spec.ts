import { expect, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { newEmail, signUp } from "./helpers";

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
