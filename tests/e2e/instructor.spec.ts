import { expect, test, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import pg from "pg";
import { newEmail, signIn, signUp, withE2eDb } from "./helpers";
import { insertAssignment, insertCohort, insertUser } from "./authz-matrix";

// The instructor's path through issue 8: cohort -> join -> assign -> submissions -> matrix -> attempt
// review with its diff -> gradebook CSV. There is no admin UI for roles in this flow, so the
// instructor is promoted with SQL on the e2e database (the same URL playwright.config.ts gives the server).
const TLS = "s3-tls-only";
const TLS_TITLE = "Refuse every request that is not sent over TLS";
const MFA_TITLE = "Require a recent MFA sign-in for destructive EC2 actions";

async function promote(email: string) {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  try {
    const r = await client.query(
      `UPDATE "User" SET role = 'INSTRUCTOR', "sessionVersion" = "sessionVersion" + 1 WHERE email = $1`,
      [email],
    );
    expect(r.rowCount).toBe(1);
  } finally {
    await client.end();
  }
}

async function noSidewaysOverflow(page: Page) {
  const { scroll, width } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    width: window.innerWidth,
  }));
  expect(scroll, "page is wider than the viewport").toBeLessThanOrEqual(width);
}

async function submitAndWait(page: Page, answer: string) {
  const res = await page.request.post("/api/submissions", { data: { challenge: TLS, answer } });
  expect(res.status()).toBe(202);
  const { id } = await res.json();
  await expect
    .poll(async () => (await (await page.request.get(`/api/submissions/${id}`)).json()).status, { timeout: 30_000 })
    .toBe("GRADED");
}

test("an instructor runs a cohort: create, join, assign, matrix, attempt diff, gradebook CSV", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 900 });

  // An instructor account.
  const instructorEmail = newEmail("instructor");
  await signUp(page, { email: instructorEmail, name: "Ines Instructor" });
  await promote(instructorEmail);
  await signIn(page, instructorEmail);
  await expect(page).toHaveURL(/\/challenges/);
  await page.goto("/instructor");
  await expect(page.getByRole("heading", { level: 1, name: "Your cohorts" })).toBeVisible();
  await expect(page.getByText("You teach no cohort yet")).toBeVisible();

  // Create a cohort: its settings page shows the join code and link.
  await page.getByLabel("Cohort name").fill("E2E Security 101");
  await page.getByRole("button", { name: "Create cohort" }).click();
  await expect(page).toHaveURL(/\/instructor\/cohorts\/[0-9a-f-]{36}\/settings$/);
  const cohortUrl = page.url().replace(/\/settings$/, "");
  const code = (await page.getByTestId("join-code").textContent())!.trim();
  expect(code).toMatch(/^[A-Z2-9]{8}$/);
  await expect(page.getByLabel("Join link")).toHaveValue(new RegExp(`/join/${code}$`));

  // A student joins with the link, in one click.
  const studentContext = await browser.newContext();
  const student = await studentContext.newPage();
  const studentEmail = newEmail("student");
  await signUp(student, { email: studentEmail, name: "Sam Student" });
  await student.goto(`/join/${code}`);
  await student.getByRole("button", { name: "Join this cohort" }).click();
  await expect(student.getByText("you joined E2E Security 101")).toBeVisible();

  // The instructor assigns two challenges with a due date.
  await page.getByRole("link", { name: "Assignments" }).click();
  await expect(page.getByText("No challenge assigned yet")).toBeVisible();
  await page.getByRole("checkbox", { name: new RegExp(TLS_TITLE) }).check();
  await page.getByRole("checkbox", { name: new RegExp(MFA_TITLE) }).check();
  const nextYear = new Date().getFullYear() + 1;
  await page.getByLabel("Due (empty: no due date)").fill(`${nextYear}-06-30T17:00`);
  await page.getByRole("button", { name: "Assign", exact: true }).click();
  await expect(page.getByText("2 challenges assigned")).toBeVisible();
  const assigned = page.getByRole("list", { name: "Assignments" });
  await expect(assigned.getByRole("listitem", { name: TLS_TITLE })).toContainText(`Jun 30, ${nextYear}`);

  // The student sees the assignment first in the catalog, then submits twice (wrong, then right).
  await student.goto("/challenges");
  await expect(student.locator("main li.card").first()).toContainText(TLS_TITLE);
  await submitAndWait(student, readFileSync(`challenges/${TLS}/mutants/allow-only-over-tls.json`, "utf8"));
  await submitAndWait(student, readFileSync(`challenges/${TLS}/solution.json`, "utf8"));

  // The matrix cell fills in.
  await page.goto(cohortUrl);
  await expect(page.getByRole("heading", { level: 1, name: "E2E Security 101" })).toBeVisible();
  const cell = page.getByRole("link", { name: new RegExp(`^Sam Student, ${TLS_TITLE}: best 100 % 2 attempts solved`) });
  await expect(cell).toBeVisible();
  await expect(page.getByRole("link", { name: `Sam Student, ${MFA_TITLE}: not started` })).toBeVisible();
  await expect(page.getByRole("row", { name: /Sam Student/ })).toContainText("1/2");
  await page.screenshot({ path: "tests/artifacts/instructor-matrix-1280.png", fullPage: true });

  // Filtering by status: nobody has solved the MFA challenge.
  await page.getByLabel("Status").selectOption("solved");
  await page.getByLabel("On challenge").selectOption({ label: MFA_TITLE });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByText("No student matches these filters")).toBeVisible();
  await page.getByRole("link", { name: "Clear the filters" }).click();

  // The attempt review: both attempts, the full report with hidden tests, and the diff.
  await page.getByRole("link", { name: new RegExp(`^Sam Student, ${TLS_TITLE}`) }).click();
  await expect(page.getByRole("heading", { level: 2, name: `Sam Student · ${TLS_TITLE}` })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Attempt 2" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Attempt 1" })).toBeVisible();
  await expect(page.getByText("hidden", { exact: true }).first()).toBeVisible();
  await expect(page.getByTestId("diff-summary")).toHaveText(/\d+ lines added, \d+ lines removed/);
  await expect(page.getByLabel("From", { exact: true })).toHaveValue("1");
  await expect(page.getByLabel("To", { exact: true })).toHaveValue("2");
  await page.screenshot({ path: "tests/artifacts/instructor-attempt-1280.png", fullPage: true });

  // Phone width: no sideways overflow (the wide tables scroll inside their cards).
  await page.setViewportSize({ width: 360, height: 800 });
  await noSidewaysOverflow(page);
  await page.screenshot({ path: "tests/artifacts/instructor-attempt-360.png", fullPage: true });
  await page.goto(cohortUrl);
  await expect(cell).toBeVisible();
  await noSidewaysOverflow(page);
  await page.screenshot({ path: "tests/artifacts/instructor-matrix-360.png", fullPage: true });
  for (const tab of ["assignments", "settings"]) {
    await page.goto(`${cohortUrl}/${tab}`);
    await expect(page.getByRole("heading", { level: 1, name: "E2E Security 101" })).toBeVisible();
    await noSidewaysOverflow(page);
    await page.screenshot({ path: `tests/artifacts/instructor-${tab}-360.png`, fullPage: true });
  }
  await page.goto(cohortUrl);
  await page.setViewportSize({ width: 1280, height: 900 });

  // The gradebook CSV holds the student's row.
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download gradebook CSV" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("e2e-security-101-gradebook.csv");
  const csv = readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, "");
  const [header, ...rows] = csv.trim().split("\r\n");
  const cols = header.split(",");
  expect(cols[0]).toBe("Student");
  const row = rows.find((r) => r.startsWith("Sam Student,"))!.split(",");
  expect(row[1]).toBe(studentEmail);
  expect(row[cols.indexOf(`${TLS_TITLE} (100 pt)`)]).toBe("100");
  expect(row[cols.indexOf(`${MFA_TITLE} (150 pt)`)]).toBe("0");
  expect(row[cols.indexOf("Total points")]).toBe("100");
  expect(row[cols.indexOf("Solved")]).toBe("1");

  // URL tampering: another cohort id is a real 404; a student cannot open instructor pages.
  const missing = await page.goto("/instructor/cohorts/00000000-0000-7000-8000-000000000000");
  expect(missing?.status()).toBe(404);
  const csvOfMissing = await page.request.get(
    "/instructor/cohorts/00000000-0000-7000-8000-000000000000/export/gradebook",
  );
  expect(csvOfMissing.status()).toBe(404);
  const forbidden = await student.goto(cohortUrl);
  expect(forbidden?.status()).toBe(403);
  await studentContext.close();
});

test("the progress matrix pages a large cohort by 50 students, keeping filters and sort", async ({ page }) => {
  const email = newEmail("pager-instructor");
  await signUp(page, { email, name: "Pat Pager" });
  await promote(email);
  const cohortId = await withE2eDb(async (db) => {
    const { id: instructorId } = (await db.query(`SELECT id FROM "User" WHERE email = $1`, [email])).rows[0];
    const students: string[] = [];
    for (let i = 0; i < 55; i++) students.push((await insertUser(db)).id);
    const c = await insertCohort(db, { instructors: [instructorId], students });
    await insertAssignment(db, c.id, TLS);
    return c.id;
  });
  await signIn(page, email);
  await expect(page).not.toHaveURL(/\/sign-in/);
  await page.goto(`/instructor/cohorts/${cohortId}?sort=name&dir=desc`);
  await expect(page.getByRole("status").filter({ hasText: "Showing 1–50 of 55 matching 55 students" })).toBeVisible();
  const table = page.getByRole("table");
  await expect(table.locator("tbody tr")).toHaveCount(50);
  const pager = page.getByRole("navigation", { name: "Matrix pages" });
  await expect(pager).toContainText("Page 1 of 2");
  await page.screenshot({ path: "tests/artifacts/instructor-matrix-paged-1280.png", fullPage: true });
  await pager.getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(/[?&]page=2/);
  await expect(page).toHaveURL(/[?&]dir=desc/);
  await expect(page.getByRole("status").filter({ hasText: "Showing 51–55 of 55 matching" })).toBeVisible();
  await expect(table.locator("tbody tr")).toHaveCount(5);
  // the totals row still counts the whole cohort
  await expect(table.locator("tfoot")).toContainText("All 55 students");
});
