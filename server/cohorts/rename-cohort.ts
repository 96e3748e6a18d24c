import { z } from "zod";
import { db } from "../db";
import { AppError } from "../errors";
import type { TActor } from "../authz";
import { requireTaughtCohort } from "./cohort-access";
import { fieldErrors, ZCohortName } from "./schemas";

export const ZRenameCohort = z.object({ name: ZCohortName });

export async function renameCohort(actor: TActor, cohortId: unknown, input: unknown): Promise<void> {
  const { cohort } = await requireTaughtCohort(actor, cohortId);
  const parsed = ZRenameCohort.safeParse(input);
  if (!parsed.success) {
    const fields = fieldErrors(parsed.error);
    throw new AppError("invalid-input", Object.values(fields)[0], { fields });
  }
  await db().cohort.update({ where: { id: cohort.id }, data: { name: parsed.data.name } });
}
