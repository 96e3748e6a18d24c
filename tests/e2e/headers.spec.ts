/**
 * Web hardening as a browser and an attacker see it (issue #9): the security headers on every kind
 * of response, a Content-Security-Policy whose nonce is fresh per request and on every script of
 * the page (no 'unsafe-inline' or 'unsafe-eval' for scripts), pages that run under that policy with
 * no violation, and session cookies a script cannot read or another site cannot send.
 * The e2e server runs the production build over http://127.0.0.1, so HSTS and Secure cookies are off
 * here by design (they follow an https NEXTAUTH_URL; SECURITY.md, "Operators").
 */
import { expect, test, type APIResponse, type Page } from "@playwright/test";
import { newEmail, signUp } from "./helpers";

function csp(res: APIResponse): Map<string, string[]> {
  const header = res.headers()["content-security-policy"];
  expect(header, `${res.url()} has a Content-Security-Policy`).toContain("frame-ancestors 'none'");
  return new Map(
    header.split(";").map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );
}

function expectCommonHeaders(res: APIResponse): void {
  const h = res.headers();
  const where = res.url();
  expect(h["x-content-type-options"], where).toBe("nosniff");
  expect(h["referrer-policy"], where).toBe("strict-origin-when-cross-origin");
  expect(h["x-frame-options"], where).toBe("DENY");
  expect(h["cross-origin-opener-policy"], where).toBe("same-origin");
  expect(h["permissions-policy"], where).toContain("camera=()");
  expect(h["x-powered-by"], where).toBeUndefined();
  expect(h["strict-transport-security"], `${where}: no HSTS over plain http`).toBeUndefined();
}

/** The page's CSP nonce, after checking the policy and that every script tag carries that nonce. */
async function checkPage(res: APIResponse): Promise<string> {
  expectCommonHeaders(res);
  const policy = csp(res);
  const scripts = policy.get("script-src") ?? [];
  const nonce = scripts.find((s) => s.startsWith("'nonce-"));
  expect(nonce, `${res.url()}: script-src has a nonce`).toMatch(/^'nonce-[A-Za-z0-9+/]+=*'$/);
  expect(scripts).toContain("'strict-dynamic'");
  expect(scripts).not.toContain("'unsafe-inline'");
  expect(scripts).not.toContain("'unsafe-eval'");
  expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
  expect(policy.get("object-src")).toEqual(["'none'"]);
  expect(policy.get("base-uri")).toEqual(["'self'"]);
  expect(policy.get("form-action")).toEqual(["'self'"]);
  const value = nonce!.slice("'nonce-".length, -1);
  const html = await res.text();
  const tags = html.match(/<script\b[^>]*>/g) ?? [];
  expect(tags.length, `${res.url()} has scripts`).toBeGreaterThan(0);
  for (const tag of tags) expect(tag, `${res.url()}: ${tag}`).toContain(`nonce="${value}"`);
  return value;
}

test("every kind of response carries the security headers; pages a nonce CSP on every script", async ({
  page,
  request,
}) => {
  // Signed out: public pages, a protected page (its redirect), a 404, the API.
  const nonces = new Set<string>();
  for (const path of ["/", "/sign-in", "/sign-up", "/no-such-page"]) {
    const res = await request.get(path);
    expect([200, 404]).toContain(res.status());
    nonces.add(await checkPage(res));
  }
  const redirect = await request.get("/instructor", { maxRedirects: 0 });
  expect(redirect.status()).toBe(307);
  expectCommonHeaders(redirect);
  expect(csp(redirect).get("frame-ancestors")).toEqual(["'none'"]);
  const api = await request.get("/api/health");
  expectCommonHeaders(api);
  expect(csp(api).get("default-src")).toEqual(["'none'"]);
  expect(csp(api).get("frame-ancestors")).toEqual(["'none'"]);
  const asset = (await (await request.get("/sign-in")).text()).match(/\/_next\/static\/[^"]+\.js/)?.[0];
  expect(asset, "the sign-in page loads a script from /_next/static").toMatch(/\.js$/);
  expectCommonHeaders(await request.get(asset!));

  // Signed in: the catalogue, a challenge, the 403 page.
  await signUp(page, { email: newEmail("headers") });
  for (const path of ["/challenges", "/challenges/s3-tls-only", "/leaderboard", "/admin"]) {
    const res = await page.request.get(path);
    expect([200, 403]).toContain(res.status());
    nonces.add(await checkPage(res));
  }
  // A fresh nonce per response.
  expect(nonces.size).toBe(8);
});

/** Collects CSP violations and CSP console errors of a page from its first script on. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  const console: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(m.text())) console.push(m.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __violations: string[] }).__violations = seen;
    document.addEventListener("securitypolicyviolation", (e) =>
      seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
    );
  });
  return async () => [
    ...console,
    ...(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)),
  ];
}

test("pages run under their policy: no violation while a student works in the editor", async ({ page }) => {
  const violations = await watchViolations(page);
  await signUp(page, { email: newEmail("csp") });
  await page.goto("/challenges/s3-tls-only");
  // Hydrated and interactive: the editor takes input and the client-side linter answers.
  const editor = page.getByRole("textbox", { name: "Policy editor" });
  await editor.click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(`{ "Version": "2012-10-17", "Statement": [] `);
  await expect(page.locator(".cm-lintRange-error, .cm-lint-marker-error").first()).toBeVisible();
  await page.goto("/challenges/cognito-presignup-domain-allowlist");
  await expect(page.getByRole("textbox", { name: /editor/i }).first()).toBeVisible();
  await page.goto("/leaderboard");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(await violations()).toEqual([]);
});

test("markup injected into a page cannot run script: inline handlers and javascript: URLs are refused", async ({
  page,
}) => {
  // What an XSS that got markup past the Markdown sanitizer would try. (A <script> added by a
  // running script is allowed by 'strict-dynamic', by design; markup cannot add one that runs.)
  await page.goto("/sign-in");
  const result = await page.evaluate(async () => {
    const w = window as unknown as { __pwned: string[] };
    w.__pwned = [];
    const violations: string[] = [];
    document.addEventListener("securitypolicyviolation", (e) => violations.push(e.violatedDirective));
    const box = document.createElement("div");
    box.innerHTML =
      `<img src="/no-such-image.png" onerror="window.__pwned.push('onerror')">` +
      `<a id="bad-link" href="javascript:window.__pwned.push('href')">x</a>`;
    document.body.appendChild(box);
    (document.getElementById("bad-link") as HTMLAnchorElement).click();
    await new Promise((r) => setTimeout(r, 500));
    return { pwned: w.__pwned, violations };
  });
  expect(result.pwned).toEqual([]);
  expect(result.violations).toEqual(expect.arrayContaining(["script-src-attr", "script-src-elem"]));
});

test("session cookies: HttpOnly, SameSite=Lax, scoped to the site", async ({ page, context }) => {
  await signUp(page, { email: newEmail("cookie") });
  const cookies = await context.cookies();
  // Over http next-auth uses the plain names; behind https it adds the __Secure-/__Host- prefixes and Secure.
  expect(cookies).toContainEqual(
    expect.objectContaining({
      name: "next-auth.session-token",
      httpOnly: true,
      secure: false,
      sameSite: "Lax",
      path: "/",
      domain: "127.0.0.1",
    }),
  );
  expect(cookies).toContainEqual(
    expect.objectContaining({ name: "next-auth.csrf-token", httpOnly: true, sameSite: "Lax", path: "/" }),
  );
  // A script on the page sees neither.
  const visible = await page.evaluate(() => document.cookie);
  expect(visible).not.toContain("session-token");
  expect(visible).not.toContain("csrf-token");
});
