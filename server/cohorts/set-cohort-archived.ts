import { db } from "../db";
import type { TActor } from "../authz";
import { requireTaughtCohort } from "./cohort-access";

/** Archives (or restores) a cohort: an archived cohort takes no new students and drops out of the catalog's assignments. */
export async function setCohortArchived(actor: TActor, cohortId: unknown, isArchived: boolean): Promise<void> {
  const { cohort } = await requireTaughtCohort(actor, cohortId);
  await db().cohort.update({ where: { id: cohort.id }, data: { archived: isArchived } });
}
