import Link from "next/link";
import { pageUser } from "@/app/_lib/session";
import { listCatalog } from "@/server/challenges/list-catalog";
import { Badge, EmptyState, PageHeader } from "@/app/_components/ui";

export const metadata = { title: "Challenges" };
export const dynamic = "force-dynamic";

export default async function ChallengesPage() {
  const user = await pageUser();
  const items = await listCatalog(user);
  const solved = items.filter((i) => i.solved).length;
  return (
    <>
      <PageHeader
        eyebrow="Catalog"
        title="Challenges"
        description={items.length ? `${solved} of ${items.length} solved.` : undefined}
      />
      {items.length === 0 ? (
        <EmptyState title="No challenges yet">
          An administrator adds challenges as files in the repository and loads them with{" "}
          <code className="font-mono">npm run challenges:sync</code>.
        </EmptyState>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {items.map((c) => (
            <li key={c.slug} className="card p-5">
              <div className="flex items-center justify-between gap-2">
                <Badge tone="brand">{c.kind}</Badge>
                {c.solved ? <Badge tone="success">Solved</Badge> : c.bestScore !== null ? <Badge tone="warning">{Math.round(c.bestScore * 100)} %</Badge> : null}
              </div>
              <h2 className="mt-3 font-semibold">
                <Link href={`/challenges/${c.slug}`} className="text-ink no-underline hover:underline">
                  {c.title}
                </Link>
              </h2>
              <p className="mt-1 text-xs text-muted">
                {c.domain} · difficulty {c.difficulty} · {c.points} points
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
