import { pageUser } from "@/app/_lib/session";
import { getLeaderboard } from "@/server/leaderboard/get-leaderboard";
import { PageHeader } from "@/app/_components/ui";
import { LeaderboardTable } from "@/app/_components/leaderboard-table";

export const metadata = { title: "Leaderboard" };
export const dynamic = "force-dynamic";

export default async function LeaderboardPage({ searchParams }: PageProps<"/leaderboard">) {
  const user = await pageUser();
  const sp = await searchParams;
  const board = await getLeaderboard(user, { page: Number(sp.page ?? 1) });
  return (
    <>
      <PageHeader
        eyebrow="Everyone"
        title="Leaderboard"
        description="Total points over all challenges, best attempt each. Ties go to whoever reached the total first."
      />
      <LeaderboardTable board={board} meId={user.id} basePath="/leaderboard" />
    </>
  );
}
