import "server-only";
import { getServerSession } from "next-auth";
import { authOptions } from "./auth-options";
import { loadSessionUser } from "@/server/users/load-session-user";
import { userForBearer } from "@/server/tokens/api-tokens";
import { AppError } from "@/server/errors";
import type { TActor } from "@/server/authz";

/**
 * Who calls an API route: a personal API token (`Authorization: Bearer bst_…`) or the session cookie.
 * A cookie-authenticated write must be JSON from this site (a cross-site form cannot send that), so
 * the session cookie cannot be ridden by another page.
 */
export async function apiActor(req: Request, opts: { write?: boolean } = {}): Promise<TActor> {
  const authorization = req.headers.get("authorization");
  if (authorization) {
    const user = await userForBearer(authorization);
    if (!user) throw new AppError("unauthenticated", "the API token is not valid (revoked, mistyped or expired)");
    return user;
  }
  if (opts.write) {
    const type = req.headers.get("content-type") ?? "";
    if (!type.toLowerCase().startsWith("application/json")) {
      throw new AppError("invalid-input", "send the request body as application/json");
    }
    const origin = req.headers.get("origin");
    if (origin && origin !== new URL(req.url).origin && origin !== process.env.NEXTAUTH_URL?.replace(/\/$/, "")) {
      throw new AppError("forbidden", "cross-site requests are not accepted");
    }
  }
  const session = await getServerSession(authOptions);
  if (!session?.uid) return null;
  return loadSessionUser(session.uid, session.sv);
}
