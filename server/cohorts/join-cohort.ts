import { db, CohortRole } from "../db";
import { AppError } from "../errors";
import { requireUser, type TActor } from "../authz";
import { consume } from "../rate-limit";
import { normaliseJoinCode } from "./join-code";

/** Joins a cohort as a student by its join code. Joining twice is fine (nothing changes). */
export async function joinCohort(
  actor: TActor,
  rawCode: unknown,
): Promise<{ id: string; name: string; isNew: boolean }> {
  const user = requireUser(actor);
  const code = typeof rawCode === "string" ? normaliseJoinCode(rawCode) : "";
  if (!/^[A-Z0-9]{4,32}$/.test(code)) {
    throw new AppError("invalid-input", "enter the join code your instructor gave you", {
      fields: { code: "enter the join code your instructor gave you" },
    });
  }
  // Join codes are short: limit guessing.
  await consume("join-cohort", user.id, 10, 600);
  const cohort = await db().cohort.findUnique({
    where: { joinCode: code },
    select: { id: true, name: true, archived: true },
  });
  if (!cohort || cohort.archived) {
    throw new AppError("not-found", "no open cohort has this join code", {
      fields: { code: "no open cohort has this join code: check it with your instructor" },
    });
  }
  const existing = await db().membership.findUnique({
    where: { userId_cohortId: { userId: user.id, cohortId: cohort.id } },
  });
  if (existing) return { id: cohort.id, name: cohort.name, isNew: false };
  await db().membership.create({ data: { userId: user.id, cohortId: cohort.id, role: CohortRole.STUDENT } });
  return { id: cohort.id, name: cohort.name, isNew: true };
}
