/**
 * The headers that only a production https deployment gets (the e2e server is plain http, see
 * tests/e2e/headers.spec.ts): HSTS from next.config.ts, and the CSP's upgrade-insecure-requests
 * from proxy.ts, both keyed on an https NEXTAUTH_URL.
 */
import { afterEach, describe, expect, test, vi } from "vitest";
import nextConfig from "../../next.config";
import { contentSecurityPolicy } from "../../app/_lib/csp";

async function headerMap(): Promise<Record<string, string>> {
  const rules = await nextConfig.headers!();
  const all = rules.find((r) => r.source === "/:path*")!;
  return Object.fromEntries(all.headers.map((h) => [h.key.toLowerCase(), h.value]));
}

afterEach(() => vi.unstubAllEnvs());

describe("HSTS", () => {
  test("production behind https: one year, subdomains included", async () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("NEXTAUTH_URL", "https://bastion.example.edu");
    expect((await headerMap())["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
  });
  test("never over plain http, nor outside production", async () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("NEXTAUTH_URL", "http://127.0.0.1:3000");
    expect((await headerMap())["strict-transport-security"]).toBeUndefined();
    vi.stubEnv("NODE_ENV", "development");
    vi.stubEnv("NEXTAUTH_URL", "https://bastion.example.edu");
    expect((await headerMap())["strict-transport-security"]).toBeUndefined();
  });
  test("every other header is there either way", async () => {
    expect(await headerMap()).toMatchObject({
      "x-content-type-options": "nosniff",
      "referrer-policy": "strict-origin-when-cross-origin",
      "x-frame-options": "DENY",
      "cross-origin-opener-policy": "same-origin",
    });
  });
});

describe("the pages' Content-Security-Policy", () => {
  test("behind https it also upgrades insecure requests; never unsafe-inline or unsafe-eval for scripts in production", () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("NEXTAUTH_URL", "https://bastion.example.edu");
    const policy = contentSecurityPolicy("bm9uY2U=");
    expect(policy.split("; ")).toContain("upgrade-insecure-requests");
    expect(policy).toContain("script-src 'self' 'nonce-bm9uY2U=' 'strict-dynamic';");
    vi.stubEnv("NEXTAUTH_URL", "http://127.0.0.1:3000");
    expect(contentSecurityPolicy("x").split("; ")).not.toContain("upgrade-insecure-requests");
  });
  test("only the development server may eval (React's dev tooling needs it)", () => {
    vi.stubEnv("NODE_ENV", "development");
    expect(contentSecurityPolicy("x")).toContain("'unsafe-eval'");
    vi.stubEnv("NODE_ENV", "production");
    expect(contentSecurityPolicy("x")).not.toContain("'unsafe-eval'");
  });
});
