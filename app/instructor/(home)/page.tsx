import Link from "next/link";
import { pageRole } from "@/app/_lib/session";
import { listTaughtCohorts } from "@/server/cohorts/list-taught-cohorts";
import { Badge, EmptyState, PageHeader } from "@/app/_components/ui";
import { Role } from "@/server/db";
import { CreateCohortForm } from "./create-cohort-form";

export const metadata = { title: "Instructor" };
export const dynamic = "force-dynamic";

export default async function InstructorPage() {
  const user = await pageRole(Role.INSTRUCTOR);
  const cohorts = await listTaughtCohorts(user);
  return (
    <>
      <PageHeader
        eyebrow="Instructor"
        title="Your cohorts"
        description={
          user.role === Role.ADMIN
            ? "Every cohort on the platform (you are an administrator)."
            : "The cohorts you teach: their progress, assignments and roster."
        }
      />
      <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
        <div>
          {cohorts.length === 0 ? (
            <EmptyState title="You teach no cohort yet">
              Create one: students join it with its code or link, and you assign it challenges.
            </EmptyState>
          ) : (
            <ul className="grid gap-4 sm:grid-cols-2" aria-label="Cohorts">
              {cohorts.map((c) => (
                <li key={c.id} className="card flex flex-col p-5">
                  <div className="flex items-start justify-between gap-2">
                    <h2 className="min-w-0 font-semibold break-words">
                      <Link href={`/instructor/cohorts/${c.id}`} className="text-ink hover:text-brand-700">
                        {c.name}
                      </Link>
                    </h2>
                    {c.archived && <Badge tone="warning">archived</Badge>}
                  </div>
                  <p className="mt-1 text-sm text-muted">
                    {c.students} {c.students === 1 ? "student" : "students"} · {c.assignments}{" "}
                    {c.assignments === 1 ? "assignment" : "assignments"}
                  </p>
                  <p className="mt-1 text-sm text-muted">
                    Join code <code className="font-mono font-semibold text-ink">{c.joinCode}</code>
                  </p>
                  <div className="mt-3 flex flex-wrap gap-3 text-sm font-semibold">
                    <Link href={`/instructor/cohorts/${c.id}`} className="text-brand-700">
                      Progress
                    </Link>
                    <Link href={`/instructor/cohorts/${c.id}/assignments`} className="text-brand-700">
                      Assignments
                    </Link>
                    <Link href={`/instructor/cohorts/${c.id}/settings`} className="text-brand-700">
                      Roster and settings
                    </Link>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </div>
        <CreateCohortForm />
      </div>
    </>
  );
}
