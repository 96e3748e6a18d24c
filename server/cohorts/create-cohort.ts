import { z } from "zod";
import { db, CohortRole, Prisma } from "../db";
import { AppError } from "../errors";
import { requireInstructor, type TActor } from "../authz";
import { newJoinCode } from "./join-code";
import { fieldErrors, ZCohortName } from "./schemas";

export const ZCreateCohort = z.object({ name: ZCohortName });

/** Creates a cohort with a fresh join code; its creator becomes its first instructor. */
export async function createCohort(actor: TActor, input: unknown): Promise<{ id: string; joinCode: string }> {
  const user = requireInstructor(actor);
  const parsed = ZCreateCohort.safeParse(input);
  if (!parsed.success) {
    const fields = fieldErrors(parsed.error);
    throw new AppError("invalid-input", Object.values(fields)[0], { fields });
  }
  // A clash of two random 8-character codes is rare; try again rather than fail.
  for (let attempt = 0; ; attempt++) {
    try {
      return await db().cohort.create({
        data: {
          name: parsed.data.name,
          joinCode: newJoinCode(),
          createdById: user.id,
          memberships: { create: { userId: user.id, role: CohortRole.INSTRUCTOR } },
        },
        select: { id: true, joinCode: true },
      });
    } catch (e) {
      if (attempt < 3 && e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") continue;
      throw e;
    }
  }
}
