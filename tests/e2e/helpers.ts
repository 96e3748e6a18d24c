import { expect, type Page } from "@playwright/test";
import { randomBytes } from "node:crypto";

export const PASSWORD = "correct-horse-battery";

export function newEmail(prefix = "student"): string {
  return `${prefix}-${randomBytes(4).toString("hex")}@example.com`;
}

export async function signUp(
  page: Page,
  opts: { email: string; name?: string; displayName?: string; password?: string },
) {
  await page.goto("/sign-up");
  await page.getByLabel("Full name").fill(opts.name ?? "Test Student");
  if (opts.displayName) await page.getByLabel("Display name (optional)").fill(opts.displayName);
  await page.getByLabel("Email").fill(opts.email);
  await page.getByLabel("Password").fill(opts.password ?? PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/challenges/);
}

export async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signOut(page: Page) {
  await page.getByRole("link", { name: "Sign out" }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}

/** For a fixed account another spec may have created already: sign up, or sign in when it exists. */
export async function signUpOrIn(page: Page, opts: { email: string; name: string }) {
  await page.goto("/sign-up");
  await page.getByLabel("Full name").fill(opts.name);
  await page.getByLabel("Email").fill(opts.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  const exists = page.getByRole("alert").filter({ hasText: "an account with this email already exists" });
  await expect(page.getByRole("heading", { name: "Challenges", level: 1 }).or(exists)).toBeVisible();
  if (await exists.isVisible()) {
    await signIn(page, opts.email);
    await expect(page).toHaveURL(/\/challenges/);
  }
}
