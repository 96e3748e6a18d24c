import { db } from "../db";

/** Whether a live (not retired) challenge has this slug: a cheap check before rendering its page. */
export async function liveChallengeExists(slug: string): Promise<boolean> {
  if (!/^[a-z0-9-]{1,100}$/.test(slug)) return false;
  const c = await db().challenge.findUnique({ where: { slug }, select: { retiredAt: true, currentVersionId: true } });
  return !!c && !c.retiredAt && !!c.currentVersionId;
}
