import { notFound } from "next/navigation";
import Link from "next/link";
import { pageUser } from "@/app/_lib/session";
import { assertCohortVisible, getLeaderboard } from "@/server/leaderboard/get-leaderboard";
import { isAppError } from "@/server/errors";
import { PageHeader } from "@/app/_components/ui";
import { LeaderboardTable } from "@/app/_components/leaderboard-table";

export const metadata = { title: "Cohort leaderboard" };
export const dynamic = "force-dynamic";

export default async function CohortLeaderboardPage({ params, searchParams }: PageProps<"/cohorts/[id]/leaderboard">) {
  const user = await pageUser();
  const { id } = await params;
  const sp = await searchParams;
  let cohort;
  try {
    cohort = await assertCohortVisible(user, id);
  } catch (e) {
    if (isAppError(e) && e.code === "not-found") notFound();
    throw e;
  }
  const board = await getLeaderboard(user, { page: Number(sp.page ?? 1), cohortId: cohort.id });
  return (
    <>
      <PageHeader
        eyebrow={cohort.name}
        title="Cohort leaderboard"
        description="The students of this cohort, by total points."
        actions={
          <Link href="/leaderboard" className="btn-secondary">
            Everyone
          </Link>
        }
      />
      <LeaderboardTable board={board} meId={user.id} basePath={`/cohorts/${cohort.id}/leaderboard`} />
    </>
  );
}
