import { notFound } from "next/navigation";
import { pageRole } from "@/app/_lib/session";
import { requireCohortStudent, requireTaughtCohort } from "@/server/cohorts/cohort-access";
import { requireAssignedChallenge } from "@/server/instructor/assignment-access";
import { isAppError } from "@/server/errors";
import { Role } from "@/server/db";

// The guard runs above loading.tsx, so another cohort's student or an unassigned challenge is a real 404.
export default async function AttemptsLayout({
  children,
  params,
}: LayoutProps<"/instructor/cohorts/[id]/students/[userId]/challenges/[slug]">) {
  const user = await pageRole(Role.INSTRUCTOR);
  const { id, userId, slug } = await params;
  try {
    const { cohort } = await requireTaughtCohort(user, id);
    await Promise.all([requireCohortStudent(cohort.id, userId), requireAssignedChallenge(cohort.id, slug)]);
  } catch (e) {
    if (isAppError(e) && e.code === "not-found") notFound();
    throw e;
  }
  return children;
}
