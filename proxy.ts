import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { accessFor, roleMeets } from "@/app/_lib/route-access";

/**
 * The first gate of every page: signed-out visitors of a protected page get a 307 to sign-in,
 * users without the role get the 403 page with a 403 status. Pages re-check with fresh data.
 */
export async function proxy(req: NextRequest) {
  const path = req.nextUrl.pathname;
  const access = accessFor(path);
  const requestHeaders = new Headers(req.headers);
  requestHeaders.set("x-bastion-path", path + req.nextUrl.search);
  if (access !== "public") {
    const token = await getToken({ req, secret: process.env.NEXTAUTH_SECRET });
    if (!token?.uid) {
      const url = new URL("/sign-in", req.url);
      url.searchParams.set("next", path + req.nextUrl.search);
      return NextResponse.redirect(url, 307);
    }
    if (!roleMeets(token.role, access)) {
      return NextResponse.rewrite(new URL("/403", req.url), { status: 403, request: { headers: requestHeaders } });
    }
  }
  return NextResponse.next({ request: { headers: requestHeaders } });
}

export const config = { matcher: ["/((?!_next/|api/|favicon.ico|403$).*)"] };
