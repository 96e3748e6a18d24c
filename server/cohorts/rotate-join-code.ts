import { db, Prisma } from "../db";
import type { TActor } from "../authz";
import { requireTaughtCohort } from "./cohort-access";
import { newJoinCode } from "./join-code";

/** Replaces the join code (and so the join link): the old one stops working at once. */
export async function rotateJoinCode(actor: TActor, cohortId: unknown): Promise<{ joinCode: string }> {
  const { cohort } = await requireTaughtCohort(actor, cohortId);
  for (let attempt = 0; ; attempt++) {
    try {
      return await db().cohort.update({
        where: { id: cohort.id },
        data: { joinCode: newJoinCode() },
        select: { joinCode: true },
      });
    } catch (e) {
      if (attempt < 3 && e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") continue;
      throw e;
    }
  }
}
