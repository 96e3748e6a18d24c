import Link from "next/link";
import { pageUser } from "@/app/_lib/session";
import { listMyCohorts } from "@/server/cohorts/list-my-cohorts";
import { Badge, EmptyState, PageHeader } from "@/app/_components/ui";
import { JoinCohortForm } from "../join-form";

export const metadata = { title: "My cohorts" };
export const dynamic = "force-dynamic";

export default async function CohortsPage({ searchParams }: PageProps<"/cohorts">) {
  const user = await pageUser();
  const sp = await searchParams;
  const cohorts = await listMyCohorts(user);
  return (
    <>
      <PageHeader eyebrow="Classes" title="My cohorts" description="The classes you attend or teach." />
      <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
        <div>
          {cohorts.length === 0 ? (
            <EmptyState title="You are not in a cohort yet">
              Your instructor gives you a join code: enter it here.
            </EmptyState>
          ) : (
            <ul className="grid gap-4 sm:grid-cols-2">
              {cohorts.map((c) => (
                <li key={c.id} className="card p-5">
                  <div className="flex items-center justify-between gap-2">
                    <h2 className="font-semibold">{c.name}</h2>
                    <Badge tone={c.role === "INSTRUCTOR" ? "brand" : "neutral"}>
                      {c.role === "INSTRUCTOR" ? "Teaching" : "Student"}
                    </Badge>
                  </div>
                  <p className="mt-1 text-sm text-muted">
                    {c.members} members · {c.assignments} assignments
                  </p>
                  <Link
                    href={`/cohorts/${c.id}/leaderboard`}
                    className="mt-3 inline-block text-sm font-semibold text-brand-700"
                  >
                    Cohort leaderboard
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </div>
        <JoinCohortForm initialCode={typeof sp.code === "string" ? sp.code.slice(0, 32) : ""} />
      </div>
    </>
  );
}
