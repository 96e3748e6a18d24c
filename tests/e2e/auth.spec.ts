import { expect, test } from "@playwright/test";
import { newEmail, PASSWORD, signIn, signOut, signUp, signUpOrIn } from "./helpers";

const ADMIN_EMAIL = "admin-e2e@bastion.test";

test("sign up, land on the catalog, sign out, sign in again", async ({ page }) => {
  const email = newEmail();
  await signUp(page, { email, name: "Grace Hopper", displayName: "amazing-grace" });
  await expect(page.getByRole("heading", { name: "Challenges", level: 1 })).toBeVisible();
  await expect(page.getByText("amazing-grace")).toBeVisible();
  await signOut(page);
  await expect(page.getByText("you are signed out")).toBeVisible();

  await page.goto("/challenges");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fchallenges/);
  await signIn(page, email);
  await expect(page).toHaveURL(/\/challenges$/);
  await expect(page.getByRole("heading", { name: "Challenges", level: 1 })).toBeVisible();
});

test("a wrong password shows an error and stays signed out", async ({ page }) => {
  const email = newEmail();
  await signUp(page, { email });
  await signOut(page);
  await signIn(page, email, "not-the-password");
  await expect(page.getByRole("alert").filter({ hasText: "the email or password is not right" })).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
  // An unknown email gets the very same message (no account enumeration).
  await signIn(page, newEmail("nobody"), "whatever-password");
  await expect(page.getByRole("alert").filter({ hasText: "the email or password is not right" })).toBeVisible();
});

test("a student gets 403 on /instructor and /admin and sees no staff links", async ({ page }) => {
  await signUp(page, { email: newEmail() });
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" })).toHaveCount(0);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Instructor" })).toHaveCount(0);
  for (const path of ["/instructor", "/admin"]) {
    const res = await page.goto(path);
    expect(res?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
  }
});

test("the ADMIN_EMAIL user becomes an admin and sees the Admin link", async ({ page }) => {
  await signUpOrIn(page, { email: ADMIN_EMAIL, name: "Ada Admin" });
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Admin" })).toBeVisible();
  await nav.getByRole("link", { name: "Admin" }).click();
  await expect(page.getByRole("heading", { name: "Users", level: 1, exact: true })).toBeVisible();
  await expect(page.getByText(ADMIN_EMAIL, { exact: true })).toBeVisible();
});

test("sign-up rejects bad input with messages on the form and creates nothing", async ({ page, request }) => {
  const email = newEmail();
  await signUp(page, { email });
  await signOut(page);

  await page.goto("/sign-up");
  await page.getByLabel("Full name").fill("Dup");
  await page.getByLabel("Email").fill(email.toUpperCase());
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("an account with this email already exists: sign in instead")).toBeVisible();

  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("enter a valid email address, like name@example.com")).toBeVisible();
  await expect(page.getByText("use at least 10 characters")).toBeVisible();
  await expect(page).toHaveURL(/\/sign-up/);

  const huge = await request.post("/api/sign-up", {
    headers: { "content-type": "application/json" },
    data: JSON.stringify({ email: newEmail(), name: "x".repeat(10 * 1024 * 1024), password: PASSWORD }),
  });
  expect(huge.status()).toBe(413);
  expect((await huge.json()).error.message).toContain("too large");
});
