import { expect, test, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { newEmail, signIn, signUp, signUpOrIn } from "./helpers";

const ADMIN_EMAIL = "admin-e2e@bastion.test";
const WRONG = readFileSync("tests/fixtures/pipeline/s3-tls-only/mutants/allow-only-over-tls.json", "utf8");

async function signInAdmin(page: Page) {
  await signUpOrIn(page, { email: ADMIN_EMAIL, name: "Ada Admin" });
}

async function noSidewaysOverflow(page: Page) {
  const { scroll, width } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    width: window.innerWidth,
  }));
  expect(scroll, "page is wider than the viewport").toBeLessThanOrEqual(width);
}

test("an admin disables a user: their open session stops working and they cannot sign in", async ({ browser }) => {
  const victimCtx = await browser.newContext();
  const victim = await victimCtx.newPage();
  const email = newEmail("victim");
  await signUp(victim, { email, name: "Victor Victim" });
  // Two wrong answers, so the analytics pages have something to show.
  for (const answer of [WRONG, WRONG.replace(/\s+/g, " ")]) {
    const res = await victim.request.post("/api/submissions", { data: { challenge: "s3-tls-only", answer } });
    expect(res.status()).toBe(202);
  }

  const adminCtx = await browser.newContext();
  const admin = await adminCtx.newPage();
  await signInAdmin(admin);
  await admin.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }).click();
  await expect(admin.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();
  await admin.getByLabel("Search by email or name").fill(email);
  await admin.getByRole("button", { name: "Search" }).click();
  await expect(admin.getByTestId("user-row")).toHaveCount(1);
  // The admin's own row offers no way to lock themselves out.
  await admin.getByLabel("Search by email or name").fill(ADMIN_EMAIL);
  await admin.keyboard.press("Enter");
  await expect(admin.getByText("You cannot change or disable your own account.")).toBeVisible();
  await expect(admin.getByRole("button", { name: `Disable ${ADMIN_EMAIL}` })).toHaveCount(0);

  await admin.getByLabel("Search by email or name").fill(email);
  await admin.keyboard.press("Enter");
  const row = admin.locator(`[data-testid="user-row"][data-email="${email}"]`);
  await expect(row).toHaveCount(1);
  await admin.getByRole("button", { name: `Disable ${email}` }).click();
  await admin.getByRole("button", { name: `Confirm disabling ${email}` }).click();
  await expect(row.getByText("disabled", { exact: true })).toBeVisible();
  await expect(admin.getByRole("button", { name: `Enable ${email}` })).toBeVisible();

  // The victim's open session is dead on its next request, and a fresh sign-in is refused.
  await victim.goto("/profile");
  await expect(victim).toHaveURL(/\/sign-in/);
  const api = await victim.request.post("/api/submissions", { data: { challenge: "s3-tls-only", answer: WRONG } });
  expect(api.status()).toBe(401);
  await signIn(victim, email);
  await expect(victim.getByRole("alert").filter({ hasText: "disabled" })).toBeVisible();
  await expect(victim).toHaveURL(/\/sign-in/);

  // Screenshots of the admin pages at desktop and phone width.
  for (const width of [1280, 360]) {
    await admin.setViewportSize({ width, height: 900 });
    await admin.goto(`/admin?q=${encodeURIComponent(email)}`);
    await expect(admin.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();
    await noSidewaysOverflow(admin);
    await admin.screenshot({ path: `tests/artifacts/admin-users-${width}.png`, fullPage: true });
  }
  await victimCtx.close();
  await adminCtx.close();
});

test("an admin opens the challenge catalogue, syncs, and looks at the queue and analytics", async ({ page }) => {
  await signInAdmin(page);
  await page.goto("/admin/challenges");
  await expect(page.getByRole("heading", { name: "Challenges", level: 1 })).toBeVisible();
  await expect(
    page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Challenges" }),
  ).toHaveAttribute("aria-current", "page");
  await expect(page.getByTestId("challenge-row").first()).toBeVisible();
  expect(await page.getByTestId("challenge-row").count()).toBeGreaterThan(1);
  await page.getByRole("button", { name: "Sync now" }).click();
  await expect(page.getByTestId("sync-summary")).toContainText("Sync finished");
  await expect(page.getByTestId("sync-summary")).toContainText("Unchanged");

  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Queue" }).click();
  await expect(page.getByRole("heading", { name: "Queue", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Jobs in Redis" })).toBeVisible();
  await expect(page.getByText("Waiting", { exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Submissions in Postgres" })).toBeVisible();

  // Wait until the wrong answers of the first test are graded, then open analytics.
  await expect
    .poll(
      async () => {
        await page.goto("/admin/analytics");
        return page.getByRole("heading", { name: "Solve rate by challenge" }).count();
      },
      { timeout: 30_000 },
    )
    .toBe(1);
  await page
    .getByRole("link", { name: /not sent over TLS/ })
    .first()
    .click();
  await expect(page.getByRole("heading", { name: "Clusters of equivalent wrong answers" })).toBeVisible();
  await expect(page.getByTestId("cluster").first()).toBeVisible();

  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 900 });
    for (const [path, heading, name] of [
      ["/admin/challenges", "Challenges", "admin-challenges"],
      ["/admin/queue", "Queue", "admin-queue"],
      ["/admin/analytics", "Analytics", "admin-analytics"],
    ] as const) {
      await page.goto(path);
      await expect(page.getByRole("heading", { name: heading, level: 1 })).toBeVisible();
      await noSidewaysOverflow(page);
      await page.screenshot({ path: `tests/artifacts/${name}-${width}.png`, fullPage: true });
    }
    await page.goto("/admin/analytics");
    await page
      .getByRole("link", { name: /not sent over TLS/ })
      .first()
      .click();
    await expect(page.getByRole("heading", { name: "Clusters of equivalent wrong answers" })).toBeVisible();
    await noSidewaysOverflow(page);
    await page.screenshot({ path: `tests/artifacts/admin-analytics-challenge-${width}.png`, fullPage: true });
  }
});

test("a student gets 403 on every admin page", async ({ page }) => {
  await signUp(page, { email: newEmail() });
  for (const path of ["/admin", "/admin/challenges", "/admin/queue", "/admin/analytics"]) {
    const res = await page.goto(path);
    expect(res?.status()).toBe(403);
  }
});
