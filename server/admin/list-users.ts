import { db } from "../db";
import { requireAdmin, type TActor } from "../authz";

/** Users for the admin table, newest first, optionally filtered by email or name. */
export async function listUsers(actor: TActor, opts: { query?: string; take?: number } = {}) {
  requireAdmin(actor);
  const q = opts.query?.trim().slice(0, 100);
  return db().user.findMany({
    where: q
      ? { OR: [{ email: { contains: q, mode: "insensitive" } }, { name: { contains: q, mode: "insensitive" } }] }
      : undefined,
    orderBy: { createdAt: "desc" },
    take: Math.min(opts.take ?? 50, 200),
    select: { id: true, email: true, name: true, displayName: true, role: true, disabled: true, createdAt: true },
  });
}
