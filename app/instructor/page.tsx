import { pageRole } from "@/app/_lib/session";
import { listMyCohorts } from "@/server/cohorts/list-my-cohorts";
import { EmptyState, PageHeader } from "@/app/_components/ui";
import { Role } from "@/server/db";

export const metadata = { title: "Instructor" };
export const dynamic = "force-dynamic";

export default async function InstructorPage() {
  const user = await pageRole(Role.INSTRUCTOR);
  const cohorts = await listMyCohorts(user, "INSTRUCTOR");
  return (
    <>
      <PageHeader eyebrow="Instructor" title="Your cohorts" description="Cohorts you teach, with their join codes." />
      {cohorts.length === 0 ? (
        <EmptyState title="You teach no cohort yet">Cohorts you create or co-teach appear here.</EmptyState>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2">
          {cohorts.map((c) => (
            <li key={c.id} className="card p-5">
              <h2 className="font-semibold">{c.name}</h2>
              <p className="mt-1 text-sm text-muted">
                {c.members} members · join code <code className="font-mono font-semibold text-ink">{c.joinCode}</code>
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
