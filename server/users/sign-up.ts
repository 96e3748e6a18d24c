import { db, Role } from "../db";
import { env } from "../env";
import { AppError } from "../errors";
import { hashPassword } from "../auth/password";
import { ZSignUp, fieldErrors } from "./schemas";

export type TSignedUp = { id: string; email: string; role: Role };

/** Creates a student account (an admin one for ADMIN_EMAIL). One insert: nothing is half-created. */
export async function signUp(input: unknown): Promise<TSignedUp> {
  const parsed = ZSignUp.safeParse(input);
  if (!parsed.success) {
    throw new AppError("invalid-input", "check the highlighted fields", { fields: fieldErrors(parsed.error) });
  }
  const { email, name, password } = parsed.data;
  const displayName = parsed.data.displayName || name;
  const existing = await db().user.findUnique({ where: { email }, select: { id: true } });
  if (existing) {
    throw new AppError("conflict", "an account with this email already exists", {
      fields: { email: "an account with this email already exists: sign in instead" },
    });
  }
  const role = env().ADMIN_EMAIL && env().ADMIN_EMAIL === email ? Role.ADMIN : Role.STUDENT;
  const passwordHash = await hashPassword(password);
  try {
    const user = await db().user.create({
      data: { email, name, displayName, passwordHash, role },
      select: { id: true, email: true, role: true },
    });
    return user;
  } catch (e) {
    if ((e as { code?: string }).code === "P2002") {
      throw new AppError("conflict", "an account with this email already exists", {
        fields: { email: "an account with this email already exists: sign in instead" },
      });
    }
    throw e;
  }
}
