import { expect, test, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { newEmail, signUp } from "./helpers";

const TLS = "challenges/s3-tls-only";
const COGNITO = "challenges/cognito-presignup-domain-allowlist";
const MALFORMED = `{ "Version": "2012-10-17", "Statement": [ { "Effect": "Allw", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::acme-reports/*" } ] }`;

async function setEditorText(page: Page, name: string, text: string) {
  const editor = page.getByRole("textbox", { name });
  await editor.click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(text);
}

async function expectNoHorizontalOverflow(page: Page) {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(scroll).toBeLessThanOrEqual(client);
}

test("a student lints, tests, submits, fixes and solves the TLS-only bucket policy", async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await signUp(page, { email: newEmail() });
  await page.goto("/challenges/s3-tls-only");
  await expect(
    page.getByRole("heading", { level: 1, name: "Refuse every request that is not sent over TLS" }),
  ).toBeVisible();
  await expect(page.getByRole("heading", { name: "The world" })).toBeVisible();
  await expect(page.getByText("You write the S3 bucket policy of reports-bucket")).toBeVisible();

  // Hints are revealed on request (and recorded), in order.
  await page.getByRole("button", { name: "Reveal hint 1" }).click();
  await expect(page.getByText("whose identity policy already allows")).toBeVisible();
  await expect(page.getByRole("button", { name: /Reveal hint 2 \(−10 points\)/ })).toBeVisible();

  // Live validation: the malformed Effect is underlined, hovering shows the message.
  await setEditorText(page, "Policy editor", MALFORMED);
  const underline = page.locator(".cm-lintRange-error").first();
  await expect(underline).toBeVisible();
  await underline.hover();
  await expect(page.locator(".cm-tooltip-lint")).toContainText("must be `Allow` or `Deny`, found `Allw`");
  await expect(page.getByText("1 error", { exact: true })).toBeVisible();
  await expect(page.getByRole("meter", { name: /Size against the AWS limit/ })).toBeVisible();

  // Visible tests in the browser: the usual wrong first attempt fails the HTTP case.
  await setEditorText(page, "Policy editor", readFileSync(`${TLS}/mutants/allow-only-over-tls.json`, "utf8"));
  await page.getByRole("button", { name: "Run visible tests" }).click();
  await expect(page.getByTestId("visible-summary")).toHaveText(/3 of 4 visible tests pass/);
  const failing = page
    .getByRole("list", { name: "Visible test results" })
    .getByRole("button", { name: /Failed.*alice reads a report over plain HTTP/ });
  await expect(failing).toBeVisible();
  await expect(failing).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByText("Decided by:").first()).toBeVisible();
  await page.screenshot({ path: "tests/artifacts/challenge-desktop.png", fullPage: true });

  // Submit the wrong policy: live status, then the failing case with its trace and highlight.
  await page.getByRole("button", { name: "Submit for grading" }).click();
  await expect(page.getByRole("tab", { name: "Result" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByTestId("result-score")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("result-score")).not.toHaveText("100 %");
  const graded = page.getByRole("list", { name: "Graded test results" });
  await expect(graded.getByRole("button", { name: /Failed.*alice reads a report over plain HTTP/ })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await expect(graded.getByRole("button", { name: /Failed.*Hidden test/ }).first()).toBeVisible();
  const resultPanel = page.getByRole("tabpanel", { name: "Result" });
  await expect(resultPanel.getByText("Decided by:")).toBeVisible();
  await expect(
    resultPanel
      .getByText("An Allow that requires aws:SecureTransport does not stop plain HTTP", { exact: false })
      .first(),
  ).toBeVisible();
  await expect(resultPanel.locator(".cm-bastion-miss").first()).toBeVisible();
  // Keyboard: arrow down moves to the next case.
  await graded.getByRole("button", { name: /alice reads a report over plain HTTP/ }).focus();
  await page.keyboard.press("ArrowDown");
  await expect(graded.getByRole("button").nth(2)).toBeFocused();

  // Fix it, then ask "what if" the same request came over plain HTTP.
  await setEditorText(page, "Policy editor", readFileSync(`${TLS}/solution.json`, "utf8"));
  await page.getByRole("tab", { name: "What-if" }).click();
  const whatIf = page.getByTestId("what-if-decision");
  await expect(whatIf).toContainText("Allowed");
  await page.getByLabel("Context value 1").fill("false");
  await expect(whatIf).toContainText("Denied (explicit)");
  await expect(page.locator(".cm-bastion-deny").first()).toBeVisible();
  await page.getByLabel("Context value 1").fill("true");
  await expect(whatIf).toContainText("Allowed");

  await page.getByRole("button", { name: "Submit for grading" }).click();
  await expect(page.getByTestId("result-score")).toHaveText("100 %", { timeout: 30_000 });
  await expect(page.getByText("100 of 100 points")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Solved: the explanation" })).toBeVisible();
  await page.screenshot({ path: "tests/artifacts/challenge-result-desktop.png", fullPage: true });

  // History: two attempts, compared line by line.
  await page.getByRole("tab", { name: /History/ }).click();
  await page.getByLabel("Compare attempt 1").check();
  await page.getByLabel("Compare attempt 2").check();
  await expect(page.getByRole("region", { name: "Changes from attempt 1 to attempt 2" })).toContainText(
    "DenyInsecureTransport",
  );

  // The draft survives a reload.
  await page.reload();
  await expect(page.getByRole("textbox", { name: "Policy editor" })).toContainText("DenyInsecureTransport");

  // Phone width: nothing overflows.
  await page.setViewportSize({ width: 360, height: 800 });
  await expect(page.getByRole("button", { name: "Submit for grading" })).toBeVisible();
  await expectNoHorizontalOverflow(page);
  await page.screenshot({ path: "tests/artifacts/challenge-mobile.png", fullPage: true });
  await page.getByRole("tab", { name: /History/ }).click();
  await page.getByRole("button", { name: "Show the result of attempt 2" }).click();
  await expect(page.getByTestId("result-score")).toHaveText("100 %");
  await expectNoHorizontalOverflow(page);
  await page.screenshot({ path: "tests/artifacts/challenge-result-mobile.png", fullPage: true });
});

test("a Cognito trigger is submitted and graded in the sandbox", async ({ page }) => {
  await signUp(page, { email: newEmail() });
  await page.goto("/challenges/cognito-presignup-domain-allowlist");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await setEditorText(page, "Trigger code editor", "exports.handler = async (event) => { return event;;; ");
  await expect(page.locator(".cm-lintRange-error").first()).toBeVisible();
  await setEditorText(page, "Trigger code editor", readFileSync(`${COGNITO}/solution.js`, "utf8"));
  await expect(page.locator(".cm-lintRange-error")).toHaveCount(0);
  await page.getByRole("button", { name: "Submit for grading" }).click();
  await expect(page.getByTestId("result-score")).toHaveText("100 %", { timeout: 45_000 });
});

test("an unknown challenge is a 404 with the not-found page", async ({ page }) => {
  await signUp(page, { email: newEmail() });
  const res = await page.goto("/challenges/no-such-challenge");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "This page does not exist" })).toBeVisible();
});
