import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { forbidden, redirect } from "next/navigation";
import { headers } from "next/headers";
import { authOptions } from "./auth-options";
import { loadSessionUser } from "@/server/users/load-session-user";
import { requireRole, type TActor, type TSessionUser } from "@/server/authz";
import { isAppError } from "@/server/errors";
import type { Role } from "@/server/db";

/** The signed-in user for this request (fresh from the database), or null. Cached per request. */
export const currentUser = cache(async (): Promise<TActor> => {
  const session = await getServerSession(authOptions);
  if (!session?.uid) return null;
  return loadSessionUser(session.uid, session.sv);
});

async function here(): Promise<string> {
  const h = await headers();
  return h.get("x-bastion-path") ?? "/";
}

/** For pages: the signed-in user, or a redirect to sign-in that comes back here. */
export async function pageUser(): Promise<TSessionUser> {
  const user = await currentUser();
  if (!user) redirect(`/sign-in?next=${encodeURIComponent(await here())}`);
  return user;
}

/** For pages: a user with at least `role`, or the 403 page. */
export async function pageRole(role: Role): Promise<TSessionUser> {
  const user = await pageUser();
  try {
    return requireRole(user, role);
  } catch (e) {
    if (isAppError(e) && e.code === "forbidden") forbidden();
    throw e;
  }
}
