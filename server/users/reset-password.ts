import { randomBytes } from "node:crypto";
import { db } from "../db";
import { AppError } from "../errors";
import { hashPassword } from "../auth/password";
import { ZEmail, ZPassword } from "./schemas";

/**
 * Sets a new password (or a generated one) and ends the user's sessions. For operators only:
 * it skips authorization (`npm run user:reset-password` is run by someone with database access).
 */
export async function unsafeResetPassword(
  rawEmail: string,
  rawPassword?: string,
): Promise<{ email: string; password: string }> {
  const email = ZEmail.parse(rawEmail);
  const password = rawPassword ? ZPassword.parse(rawPassword) : randomBytes(12).toString("base64url");
  const user = await db().user.findUnique({ where: { email }, select: { id: true } });
  if (!user) throw new AppError("not-found", `no account with the email ${email}`);
  await db().user.update({
    where: { id: user.id },
    data: { passwordHash: await hashPassword(password), sessionVersion: { increment: 1 } },
  });
  return { email, password };
}
