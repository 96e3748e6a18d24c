import { db } from "../db";
import type { TSessionUser } from "../authz";

/**
 * The user behind a session token, or null when the account is gone, disabled, or its
 * sessionVersion moved on (disabled or role changed since the token was issued).
 */
export async function loadSessionUser(userId: unknown, sessionVersion: unknown): Promise<TSessionUser | null> {
  if (typeof userId !== "string" || !/^[0-9a-f-]{36}$/i.test(userId)) return null;
  const user = await db().user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true, displayName: true, role: true, sessionVersion: true, disabled: true },
  });
  if (!user || user.disabled) return null;
  if (typeof sessionVersion === "number" && sessionVersion !== user.sessionVersion) return null;
  const { disabled: _disabled, ...rest } = user;
  return rest;
}
