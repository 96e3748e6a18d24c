import { pageUser } from "@/app/_lib/session";
import { listMyCohorts } from "@/server/cohorts/list-my-cohorts";
import { Badge, EmptyState, PageHeader } from "@/app/_components/ui";

export const metadata = { title: "My cohorts" };
export const dynamic = "force-dynamic";

export default async function CohortsPage() {
  const user = await pageUser();
  const cohorts = await listMyCohorts(user);
  return (
    <>
      <PageHeader eyebrow="Classes" title="My cohorts" description="The classes you attend or teach." />
      {cohorts.length === 0 ? (
        <EmptyState title="You are not in a cohort yet">Your instructor gives you a join code.</EmptyState>
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
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
