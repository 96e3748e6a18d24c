import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { accessFor, roleMeets } from "@/app/_lib/route-access";
import { checkActionBody } from "@/app/_lib/action-body";
import { contentSecurityPolicy } from "@/app/_lib/csp";

/**
 * The first gate of every page: signed-out visitors of a protected page get a 307 to sign-in,
 * users without the role get the 403 page with a 403 status. Pages re-check with fresh data.
 */
export async function proxy(req: NextRequest) {
  // A path Next cannot percent-decode (`/challenges/%`) ends in a bare 500 from its router when a
  // dynamic segment meets it: answer 400 first. (API paths reach the proxy only when they hold a `%`.)
  if (!decodable(req.nextUrl.pathname)) {
    return NextResponse.json(
      { error: { code: "invalid-input", message: "the address is not valid (a broken %-escape)" } },
      { status: 400, headers: { "cache-control": "no-store" } },
    );
  }
  if (req.nextUrl.pathname.startsWith("/api/")) return NextResponse.next();
  if (req.method === "POST" && req.headers.has("next-action")) {
    const refused = refuseServerActionRequest(req) ?? (await refuseMalformedActionBody(req));
    if (refused) return refused;
  }
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

const refuse = (status: number, code: string, message: string) =>
  NextResponse.json({ error: { code, message } }, { status, headers: { "cache-control": "no-store" } });

/**
 * Server-action requests Next.js would refuse with a bare 500 (a foreign or malformed Origin) get a
 * clear 4xx here instead. The checks mirror Next's own: the Origin's host must equal
 * X-Forwarded-Host (first value) or Host.
 */
function refuseServerActionRequest(req: NextRequest): NextResponse | null {
  const origin = req.headers.get("origin");
  if (origin === null) return null; // a hand-made request without credentials of a victim: Next lets it through
  let originHost: string;
  try {
    originHost = origin === "null" ? "null" : new URL(origin).host;
  } catch {
    return refuse(400, "invalid-input", "the Origin header is not a URL");
  }
  const host = req.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || req.headers.get("host");
  if (originHost !== host) return refuse(403, "forbidden", "cross-site requests are not accepted");
  return null;
}

/** A body React's reply decoder would fail on (a bare 500) gets a 400 or 413 with a message instead. */
async function refuseMalformedActionBody(req: NextRequest): Promise<NextResponse | null> {
  const problem = await checkActionBody(req);
  if (!problem) return null;
  return refuse(problem.status, problem.status === 413 ? "too-large" : "invalid-input", problem.message);
}

function decodable(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

export const config = { matcher: ["/((?!_next/|api/|favicon.ico).*)", "/api/:path(.*%.*)"] };
