import { z } from "zod";
import { db } from "../db";
import { requireAdmin, type TActor } from "../authz";
import { AppError } from "../errors";

const ZInput = z.object({ userId: z.uuid(), disabled: z.boolean() });

/**
 * Disables or re-enables an account. Disabling bumps `sessionVersion`, so every open session of the
 * user stops working on its next request (loadSessionUser compares it), and sign-in refuses a
 * disabled account. An admin cannot disable themselves.
 */
export async function setUserDisabled(actor: TActor, input: unknown): Promise<{ email: string; disabled: boolean }> {
  const admin = requireAdmin(actor);
  const parsed = ZInput.safeParse(input);
  if (!parsed.success) throw new AppError("invalid-input", "choose a user");
  const { userId, disabled } = parsed.data;
  if (userId === admin.id) throw new AppError("forbidden", "you cannot disable your own account");
  const target = await db().user.findUnique({ where: { id: userId }, select: { id: true } });
  if (!target) throw new AppError("not-found", "no such user");
  return db().user.update({
    where: { id: userId },
    data: disabled ? { disabled: true, sessionVersion: { increment: 1 } } : { disabled: false },
    select: { email: true, disabled: true },
  });
}
