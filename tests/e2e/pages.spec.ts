import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { newEmail, signUp } from "./helpers";

// Each page at desktop and phone width: it renders, nothing overflows sideways, and a screenshot is kept.
const PAGES = [
  { path: "/challenges", heading: "Challenges", name: "catalog" },
  { path: "/leaderboard", heading: "Leaderboard", name: "leaderboard" },
  { path: "/cohorts", heading: "My cohorts", name: "cohorts" },
  { path: "/profile", heading: "Your profile", name: "profile" },
];

async function noSidewaysOverflow(page: Page) {
  const { scroll, width } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    width: window.innerWidth,
  }));
  expect(scroll, "page is wider than the viewport").toBeLessThanOrEqual(width);
}

test("student pages render at desktop and 360 px without overflow", async ({ page }) => {
  await signUp(page, { email: newEmail(), displayName: "page-tour" });
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 900 });
    for (const p of PAGES) {
      await page.goto(p.path);
      await expect(page.getByRole("heading", { name: p.heading, level: 1 })).toBeVisible();
      await noSidewaysOverflow(page);
      await page.screenshot({ path: `tests/artifacts/${p.name}-${width}.png`, fullPage: true });
    }
  }
});

test("catalog filters narrow the list and say when nothing matches", async ({ page }) => {
  await signUp(page, { email: newEmail() });
  await page.goto("/challenges");
  const cards = page.locator("main li.card");
  // the list streams in after the progress summary: wait for it before counting
  await expect(cards.first()).toBeVisible();
  const all = await cards.count();
  expect(all).toBeGreaterThan(1);
  await page.getByLabel("Kind").selectOption("s3-bucket-policy");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/kind=s3-bucket-policy/);
  // The new document is rendered when its form shows the chosen filter and its first card is there.
  await expect(page.getByLabel("Kind")).toHaveValue("s3-bucket-policy");
  await page.waitForLoadState("load");
  await expect(cards.first()).toBeVisible();
  const s3 = await cards.count();
  expect(s3).toBeGreaterThan(0);
  expect(s3).toBeLessThan(all);
  for (const badge of await page.locator("main li.card").getByText("S3 bucket policy", { exact: true }).all())
    await expect(badge).toBeVisible();
  await page.getByLabel("Search").fill("zzzz-no-such-challenge");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByText("No challenge matches these filters")).toBeVisible();
  await page.getByRole("link", { name: "Clear the filters" }).click();
  await expect(cards).toHaveCount(all);
});

test("a student joins a cohort by code (case and dashes ignored) and finds its leaderboard", async ({ page }) => {
  // A cohort as an instructor would have created it, written straight into this run's database.
  const code = `E2E${Date.now().toString(36).toUpperCase().slice(-5)}`;
  const pgc = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await pgc.connect();
  const { rows } = await pgc.query<{ id: string }>(
    `INSERT INTO "Cohort" (id, name, "joinCode", "updatedAt") VALUES (gen_random_uuid(), 'E2E cohort', $1, now()) RETURNING id`,
    [code],
  );
  await pgc.end();

  await signUp(page, { email: newEmail() });
  await page.goto("/cohorts");
  await page.getByLabel("Join code").fill("NOPE-NOPE");
  await page.getByRole("button", { name: "Join" }).click();
  await expect(page.getByText("no open cohort has this join code")).toBeVisible();

  await page.getByLabel("Join code").fill(`${code.slice(0, 4).toLowerCase()}-${code.slice(4)}`);
  await page.getByRole("button", { name: "Join" }).click();
  await expect(page.getByText("you joined E2E cohort")).toBeVisible();
  await page.reload();
  const card = page.locator("main li.card").filter({ hasText: "E2E cohort" });
  await expect(card).toBeVisible();
  await card.getByRole("link", { name: "Cohort leaderboard" }).click();
  await expect(page).toHaveURL(new RegExp(`/cohorts/${rows[0].id}/leaderboard`));
  await expect(page.getByRole("heading", { name: "Cohort leaderboard", level: 1 })).toBeVisible();
});

test("API tokens: create one, use it to submit, revoke it", async ({ page, playwright, baseURL }) => {
  await signUp(page, { email: newEmail() });
  await page.goto("/profile");
  await page.getByLabel("Token name").fill("e2e script");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-token").textContent())!.trim();
  expect(token).toMatch(/^bst_/);
  const api = await playwright.request.newContext({ baseURL });
  const bad = await api.post("/api/submissions", {
    headers: { authorization: `Bearer ${token}` },
    data: { challenge: "no-such-challenge", answer: "{}" },
  });
  expect(bad.status()).toBe(404);
  const ok = await api.post("/api/submissions", {
    headers: { authorization: `Bearer ${token}` },
    data: { challenge: "s3-tls-only", answer: "{}" },
  });
  expect(ok.status()).toBe(202);
  const { id } = await ok.json();
  await expect
    .poll(
      async () =>
        (await (await api.get(`/api/submissions/${id}`, { headers: { authorization: `Bearer ${token}` } })).json())
          .status,
      { timeout: 20_000 },
    )
    .toBe("GRADED");
  const big = await api.post("/api/submissions", {
    headers: { authorization: `Bearer ${token}` },
    data: { challenge: "s3-tls-only", answer: "x".repeat(70 * 1024) },
  });
  expect(big.status()).toBe(413);
  await page.reload();
  await page.getByRole("button", { name: "Revoke token e2e script" }).click();
  await expect(page.getByText("You have no active tokens.")).toBeVisible();
  const revoked = await api.post("/api/submissions", {
    headers: { authorization: `Bearer ${token}` },
    data: { challenge: "s3-tls-only", answer: "{}" },
  });
  expect(revoked.status()).toBe(401);
  await api.dispose();
});
