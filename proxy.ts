import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { accessFor, roleMeets } from "@/app/_lib/route-access";

/**
 * A strict Content-Security-Policy with a fresh nonce per request: Next.js puts the nonce on its own
 * scripts, and no other inline script runs. Styles allow inline (style attributes and the editor's
 * injected styles), which cannot run code.
 */
function contentSecurityPolicy(nonce: string): string {
  const isDev = process.env.NODE_ENV === "development";
  const isHttps = (process.env.NEXTAUTH_URL ?? "").startsWith("https://");
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(isHttps ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/**
 * The first gate of every page: signed-out visitors of a protected page get a 307 to sign-in,
 * users without the role get the 403 page with a 403 status. Pages re-check with fresh data.
 */
export async function proxy(req: NextRequest) {
  const path = req.nextUrl.pathname;
  const access = accessFor(path);
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce);
  const requestHeaders = new Headers(req.headers);
  requestHeaders.set("x-bastion-path", path + req.nextUrl.search);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  const withCsp = (res: NextResponse) => {
    res.headers.set("content-security-policy", csp);
    return res;
  };
  if (access !== "public") {
    const token = await getToken({ req, secret: process.env.NEXTAUTH_SECRET });
    if (!token?.uid) {
      const url = new URL("/sign-in", req.url);
      url.searchParams.set("next", path + req.nextUrl.search);
      return withCsp(NextResponse.redirect(url, 307));
    }
    if (!roleMeets(token.role, access)) {
      return withCsp(NextResponse.rewrite(new URL("/403", req.url), { request: { headers: requestHeaders } }));
    }
  }
  return withCsp(NextResponse.next({ request: { headers: requestHeaders } }));
}

export const config = { matcher: ["/((?!_next/|api/|favicon.ico).*)"] };
