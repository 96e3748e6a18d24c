import { z } from "zod";
import { db } from "../db";
import { requireAdmin, type TActor } from "../authz";
import { AppError } from "../errors";
import { Role } from "../generated/prisma/enums";

const ZInput = z.object({ userId: z.uuid(), role: z.enum(Role) });

/**
 * Changes a user's role. Bumps `sessionVersion`, so the user's open sessions end and the next sign-in
 * carries the new role. An admin cannot change their own role (no locking oneself out by accident).
 */
export async function setUserRole(actor: TActor, input: unknown): Promise<{ email: string; role: Role }> {
  const admin = requireAdmin(actor);
  const parsed = ZInput.safeParse(input);
  if (!parsed.success) throw new AppError("invalid-input", "choose a user and a role");
  const { userId, role } = parsed.data;
  if (userId === admin.id) throw new AppError("forbidden", "you cannot change your own role");
  const target = await db().user.findUnique({ where: { id: userId }, select: { email: true, role: true } });
  if (!target) throw new AppError("not-found", "no such user");
  if (target.role === role) return target;
  return db().user.update({
    where: { id: userId },
    data: { role, sessionVersion: { increment: 1 } },
    select: { email: true, role: true },
  });
}
