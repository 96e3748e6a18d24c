import { z } from "zod";
import { db } from "../db";
import { AppError } from "../errors";
import { parseFormInput } from "../validation";
import type { TActor } from "../authz";
import { requireTaughtCohort } from "../cohorts/cohort-access";
import { parseLocalDateTime, ZLocalDateTime, ZTzOffset } from "./dates";

export const ZCreateAssignments = z.object({
  slugs: z
    .array(z.string().regex(/^[a-z0-9-]{1,100}$/))
    .min(1, "choose at least one challenge")
    .max(200),
  opensAt: ZLocalDateTime,
  dueAt: ZLocalDateTime,
  tzOffset: ZTzOffset,
});

/** Resolves the form's dates; throws field errors when they do not make sense. */
export function resolveDates(input: { opensAt: string | null; dueAt: string | null; tzOffset: number }) {
  const opensAt = input.opensAt ? parseLocalDateTime(input.opensAt, input.tzOffset) : null;
  const dueAt = input.dueAt ? parseLocalDateTime(input.dueAt, input.tzOffset) : null;
  if (input.opensAt && !opensAt)
    throw new AppError("invalid-input", "enter a date and time", { fields: { opensAt: "enter a date and time" } });
  if (input.dueAt && !dueAt)
    throw new AppError("invalid-input", "enter a date and time", { fields: { dueAt: "enter a date and time" } });
  if (opensAt && dueAt && dueAt <= opensAt)
    throw new AppError("invalid-input", "the due date must come after the opening date", {
      fields: { dueAt: "the due date must come after the opening date" },
    });
  return { opensAt, dueAt };
}

/**
 * Assigns live challenges to the cohort, all with the same dates (opening now when none is given).
 * A challenge already assigned keeps its dates: edit it instead.
 */
export async function createAssignments(
  actor: TActor,
  cohortId: unknown,
  input: unknown,
): Promise<{ created: number }> {
  const { cohort } = await requireTaughtCohort(actor, cohortId);
  const form = parseFormInput(ZCreateAssignments, input, "slugs");
  const { opensAt, dueAt } = resolveDates(form);
  if (dueAt && !opensAt && dueAt <= new Date())
    throw new AppError("invalid-input", "the due date is in the past", {
      fields: { dueAt: "the due date is in the past" },
    });
  const challenges = await db().challenge.findMany({
    where: { slug: { in: form.slugs }, retiredAt: null, currentVersionId: { not: null } },
    select: { id: true },
  });
  if (challenges.length !== new Set(form.slugs).size)
    throw new AppError("invalid-input", "a chosen challenge is not in the catalogue", {
      fields: { slugs: "a chosen challenge is not in the catalogue" },
    });
  const res = await db().assignment.createMany({
    data: challenges.map((c) => ({ cohortId: cohort.id, challengeId: c.id, opensAt: opensAt ?? new Date(), dueAt })),
    skipDuplicates: true,
  });
  return { created: res.count };
}
