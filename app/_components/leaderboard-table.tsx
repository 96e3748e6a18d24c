import type { TLeaderboard, TLeaderRow } from "@/server/leaderboard/get-leaderboard";
import { EmptyState, Pagination } from "./ui";

function Row({ r, isMe }: { r: TLeaderRow; isMe: boolean }) {
  return (
    <tr
      className={`border-b border-line last:border-0 ${isMe ? "bg-brand-50" : ""}`}
      aria-current={isMe ? "true" : undefined}
    >
      <td className="px-4 py-3 font-semibold tabular-nums">{r.rank}</td>
      <td className="max-w-[14rem] truncate px-4 py-3">
        {r.displayName}
        {isMe && <span className="ml-2 rounded bg-brand-600 px-1.5 py-0.5 text-xs font-semibold text-white">you</span>}
      </td>
      <td className="px-4 py-3 text-right font-semibold tabular-nums">{Math.round(r.totalPoints)}</td>
      <td className="hidden px-4 py-3 text-right tabular-nums sm:table-cell">{r.solvedCount}</td>
      <td className="hidden px-4 py-3 text-right text-muted md:table-cell">
        <time dateTime={r.reachedAt.toISOString()}>
          {r.reachedAt.toLocaleString("en", { dateStyle: "medium", timeStyle: "short" })}
        </time>
      </td>
    </tr>
  );
}

/** The leaderboard table with the caller's row highlighted (and shown below when off this page) and pagination. */
export function LeaderboardTable({ board, meId, basePath }: { board: TLeaderboard; meId: string; basePath: string }) {
  if (board.total === 0)
    return <EmptyState title="No scores yet">Solve a challenge to be the first on the board.</EmptyState>;
  const meOnPage = board.rows.some((r) => r.userId === meId);
  return (
    <>
      <div className="card overflow-x-auto">
        <table className="w-full text-sm">
          <caption className="sr-only">
            Leaderboard, page {board.page} of {board.pages}
          </caption>
          <thead className="border-b border-line bg-slate-50 text-left text-xs tracking-wide text-muted uppercase">
            <tr>
              <th scope="col" className="w-16 px-4 py-3">
                Rank
              </th>
              <th scope="col" className="px-4 py-3">
                Name
              </th>
              <th scope="col" className="px-4 py-3 text-right">
                Points
              </th>
              <th scope="col" className="hidden px-4 py-3 text-right sm:table-cell">
                Solved
              </th>
              <th scope="col" className="hidden px-4 py-3 text-right md:table-cell">
                Reached
              </th>
            </tr>
          </thead>
          <tbody>
            {board.rows.map((r) => (
              <Row key={r.userId} r={r} isMe={r.userId === meId} />
            ))}
            {!meOnPage && board.me && (
              <>
                <tr aria-hidden="true">
                  <td colSpan={5} className="px-4 py-1 text-center text-muted">
                    ⋯
                  </td>
                </tr>
                <Row r={board.me} isMe />
              </>
            )}
          </tbody>
        </table>
      </div>
      {!board.me && (
        <p className="mt-3 text-sm text-muted">You are not on the board yet: your first points put you there.</p>
      )}
      <Pagination
        label="Leaderboard pages"
        page={board.page}
        pages={board.pages}
        hrefFor={(n) => `${basePath}?page=${n}`}
      />
    </>
  );
}
