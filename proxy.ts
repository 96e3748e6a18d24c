import { NextResponse, type NextRequest } from "next/server";

/** Passes the requested path to server components, so sign-in can send the user back to it. */
export function proxy(req: NextRequest) {
  const requestHeaders = new Headers(req.headers);
  requestHeaders.set("x-bastion-path", req.nextUrl.pathname + req.nextUrl.search);
  return NextResponse.next({ request: { headers: requestHeaders } });
}

export const config = { matcher: ["/((?!_next/|api/|favicon.ico).*)"] };
