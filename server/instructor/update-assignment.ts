import { z } from "zod";
import { db } from "../db";
import { parseFormInput } from "../validation";
import type { TActor } from "../authz";
import { requireTaughtCohort } from "../cohorts/cohort-access";
import { requireCohortAssignment } from "./assignment-access";
import { resolveDates } from "./create-assignments";
import { ZLocalDateTime, ZTzOffset } from "./dates";

export const ZUpdateAssignment = z.object({ opensAt: ZLocalDateTime, dueAt: ZLocalDateTime, tzOffset: ZTzOffset });

/** Changes an assignment's dates. Submissions already made keep their late flag (it was decided at submit time). */
export async function updateAssignment(
  actor: TActor,
  cohortId: unknown,
  assignmentId: unknown,
  input: unknown,
): Promise<void> {
  const { cohort } = await requireTaughtCohort(actor, cohortId);
  const a = await requireCohortAssignment(cohort.id, assignmentId);
  const { opensAt, dueAt } = resolveDates(parseFormInput(ZUpdateAssignment, input, "dueAt"));
  await db().assignment.update({ where: { id: a.id }, data: { ...(opensAt ? { opensAt } : {}), dueAt } });
}
