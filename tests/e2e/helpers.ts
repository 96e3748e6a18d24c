import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import pg from "pg";

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

// ---------------------------------------------------------------------------------------------
// Browserless helpers (authz matrix, leak test): the same HTTP the browser sends, from a Playwright
// APIRequestContext, which keeps its own cookies.

/** Creates an account through the sign-up API (what the sign-up form posts); returns its id. */
export async function apiSignUp(
  request: APIRequestContext,
  opts: { email: string; name?: string; password?: string },
): Promise<string> {
  const res = await request.post("/api/sign-up", {
    data: { name: opts.name ?? "Test Student", email: opts.email, password: opts.password ?? PASSWORD },
  });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/**
 * Signs in through next-auth's credentials callback, as next-auth's own client does (CSRF token
 * first, then the form with `json=true`). The context keeps the session cookie.
 */
export async function apiSignIn(request: APIRequestContext, email: string, password = PASSWORD) {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true" },
    maxRedirects: 0,
  });
  expect(res.status()).toBe(200);
  expect((await res.json()).url).not.toContain("error=");
  const session = (await (await request.get("/api/auth/session")).json()) as { uid?: string };
  expect(session.uid, `no session for ${email}`).toMatch(
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  );
}

/** Runs `work` with a client of the e2e database (the URL playwright.config.ts gives the server). */
export async function withE2eDb<T>(work: (db: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The dist dir the server under test was built into (playwright.config.ts passes NEXT_DIST_DIR on). */
export const DIST_DIR = process.env.NEXT_DIST_DIR || ".next";

export type TServerActionRef = { id: string; file: string; name: string; pages: string[] };

/**
 * The build's server actions (`<distDir>/server/server-reference-manifest.json`), keyed by
 * `<source file>#<export name>`: the id the client sends in `Next-Action` and the pages that bundle it.
 */
export function serverActions(): Map<string, TServerActionRef> {
  const manifest = JSON.parse(readFileSync(`${DIST_DIR}/server/server-reference-manifest.json`, "utf8")) as {
    node: Record<string, { filename: string; exportedName: string; workers: Record<string, unknown> }>;
  };
  const out = new Map<string, TServerActionRef>();
  for (const [id, entry] of Object.entries(manifest.node)) {
    out.set(`${entry.filename}#${entry.exportedName}`, {
      id,
      file: entry.filename,
      name: entry.exportedName,
      pages: Object.keys(entry.workers),
    });
  }
  return out;
}

// React's own reply encoder (the one Next's client router calls for a server action), from Next's copy.
const requireFromHere = createRequire(import.meta.url);
const { encodeReply } = requireFromHere("next/dist/compiled/react-server-dom-turbopack/client.node") as {
  encodeReply: (value: unknown[]) => Promise<string | FormData>;
};

/** One row of a React Server Components (flight) payload. */
export type TFlightRow = { tag: string; text: string };

/**
 * Splits a flight payload into rows by id. Rows are `<hex id>:<tag?><payload>\n`, except the
 * length-prefixed ones (`T`ext, typed arrays…: `<id>:<tag><hex length>,<bytes>`), as React's client reads them.
 */
export function flightRows(payload: Buffer): Map<string, TFlightRow> {
  const LENGTH_TAGS = new Set("TAOobUSsLlGgMmV".split(""));
  const rows = new Map<string, TFlightRow>();
  let i = 0;
  while (i < payload.length) {
    const colon = payload.indexOf(0x3a, i);
    if (colon < 0) break;
    const id = payload.subarray(i, colon).toString("latin1");
    let j = colon + 1;
    const c = String.fromCharCode(payload[j]);
    if (LENGTH_TAGS.has(c) && /^[0-9a-f]+,/.test(payload.subarray(j + 1, j + 18).toString("latin1"))) {
      const comma = payload.indexOf(0x2c, j);
      const len = parseInt(payload.subarray(j + 1, comma).toString("latin1"), 16);
      rows.set(id, { tag: c, text: payload.subarray(comma + 1, comma + 1 + len).toString("utf8") });
      i = comma + 1 + len;
      continue;
    }
    let tag = "";
    if (/[A-Z#rx]/.test(c)) {
      tag = c;
      j++;
    }
    const end = payload.indexOf(0x0a, j);
    const stop = end < 0 ? payload.length : end;
    rows.set(id, { tag, text: payload.subarray(j, stop).toString("utf8") });
    i = stop + 1;
  }
  return rows;
}

export type TActionResponse = {
  status: number;
  contentType: string;
  /** Location of a plain HTTP redirect (the proxy's 307), absolute. */
  location: string | null;
  /** `x-action-redirect`: where a server action that called redirect() sends the client. */
  actionRedirect: string | null;
  body: string;
  /** The action's return value, decoded from the flight payload, when the action ran. */
  result: unknown;
  ran: boolean;
};

/**
 * Calls a server action directly, the way Next's client router does: POST to a page URL with
 * `Next-Action: <id>`, a same-site `Origin`, and the arguments encoded by React's encodeReply
 * (text for plain arguments, multipart form data when an argument is a FormData).
 */
export async function callServerAction(
  request: APIRequestContext,
  opts: { page: string; id: string; args: unknown[]; origin: string; headers?: Record<string, string> },
): Promise<TActionResponse> {
  const encoded = await encodeReply(opts.args);
  const headers = { ...opts.headers, "next-action": opts.id, origin: opts.origin, accept: "text/x-component" };
  const res =
    typeof encoded === "string"
      ? await request.post(opts.page, {
          headers: { ...headers, "content-type": "text/plain;charset=UTF-8" },
          data: encoded,
          maxRedirects: 0,
        })
      : await request.post(opts.page, { headers, multipart: encoded, maxRedirects: 0 });
  const buf = await res.body();
  const contentType = res.headers()["content-type"] ?? "";
  const location = res.headers()["location"];
  let result: unknown = undefined;
  let ran = false;
  if (contentType.startsWith("text/x-component")) {
    const rows = flightRows(buf);
    const root = rows.get("0");
    const ref = root ? (JSON.parse(root.text) as { a?: string }).a : undefined;
    if (typeof ref === "string" && ref.startsWith("$@")) {
      const row = rows.get(ref.slice(2));
      if (row) {
        result = JSON.parse(row.text);
        ran = true;
      }
    }
  }
  return {
    status: res.status(),
    contentType,
    location: location ? new URL(location, opts.origin).toString() : null,
    actionRedirect: res.headers()["x-action-redirect"] ?? null,
    body: buf.toString("utf8"),
    result,
    ran,
  };
}
