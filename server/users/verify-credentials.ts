import { db } from "../db";
import { AppError } from "../errors";
import { verifyAgainstDummy, verifyPassword } from "../auth/password";
import { assertLoginAllowed, clearLoginFailures, recordLoginFailure } from "../rate-limit";
import type { TSessionUser } from "../authz";

/** The one message for an unknown email and a wrong password, so accounts cannot be enumerated. */
export const BAD_CREDENTIALS = "the email or password is not right";

/**
 * Checks an email and password for sign-in, rate-limited per account and per IP.
 * Unknown emails cost the same hashing time as wrong passwords.
 */
export async function verifyCredentials(rawEmail: unknown, rawPassword: unknown, ip: string): Promise<TSessionUser> {
  const email = typeof rawEmail === "string" ? rawEmail.trim().toLowerCase().slice(0, 254) : "";
  const password = typeof rawPassword === "string" ? rawPassword.slice(0, 200) : "";
  if (!email || !password) throw new AppError("invalid-input", "enter your email and password");
  await assertLoginAllowed(email, ip);
  const user = await db().user.findUnique({ where: { email } });
  if (!user) {
    await verifyAgainstDummy(password);
    await recordLoginFailure(email, ip);
    throw new AppError("unauthenticated", BAD_CREDENTIALS);
  }
  const ok = await verifyPassword(user.passwordHash, password);
  if (!ok) {
    await recordLoginFailure(email, ip);
    throw new AppError("unauthenticated", BAD_CREDENTIALS);
  }
  if (user.disabled) throw new AppError("forbidden", "this account is disabled: ask an administrator");
  await clearLoginFailures(email);
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    displayName: user.displayName,
    role: user.role,
    sessionVersion: user.sessionVersion,
  };
}
