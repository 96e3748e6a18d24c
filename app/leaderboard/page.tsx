import { pageUser } from "@/app/_lib/session";
import { getLeaderboard } from "@/server/leaderboard/get-leaderboard";
import { EmptyState, PageHeader } from "@/app/_components/ui";

export const metadata = { title: "Leaderboard" };
export const dynamic = "force-dynamic";

export default async function LeaderboardPage() {
  const user = await pageUser();
  const { rows } = await getLeaderboard({ page: 1, pageSize: 50 });
  return (
    <>
      <PageHeader
        eyebrow="Everyone"
        title="Leaderboard"
        description="Total points over all challenges; ties go to whoever got there first."
      />
      {rows.length === 0 ? (
        <EmptyState title="No scores yet">Solve a challenge to be the first on the board.</EmptyState>
      ) : (
        <div className="card overflow-x-auto">
          <table className="w-full text-sm">
            <thead className="border-b border-line bg-slate-50 text-left text-xs tracking-wide text-muted uppercase">
              <tr>
                <th scope="col" className="px-4 py-3">
                  Rank
                </th>
                <th scope="col" className="px-4 py-3">
                  Name
                </th>
                <th scope="col" className="px-4 py-3 text-right">
                  Points
                </th>
                <th scope="col" className="px-4 py-3 text-right">
                  Solved
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr
                  key={r.userId}
                  className={`border-b border-line last:border-0 ${r.userId === user.id ? "bg-brand-50 font-semibold" : ""}`}
                >
                  <td className="px-4 py-3">{r.rank}</td>
                  <td className="px-4 py-3">{r.displayName}</td>
                  <td className="px-4 py-3 text-right tabular-nums">{Math.round(r.totalPoints)}</td>
                  <td className="px-4 py-3 text-right tabular-nums">{r.solvedCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
