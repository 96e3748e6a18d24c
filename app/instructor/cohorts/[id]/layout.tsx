import { notFound } from "next/navigation";
import Link from "next/link";
import { pageRole } from "@/app/_lib/session";
import { requireTaughtCohort } from "@/server/cohorts/cohort-access";
import { isAppError } from "@/server/errors";
import { Role } from "@/server/db";
import { Badge } from "@/app/_components/ui";
import { CohortTabs } from "./cohort-tabs";

// The guard runs here, above the loading boundaries below, so a cohort the user does not teach is a real 404.
export default async function CohortLayout({ children, params }: LayoutProps<"/instructor/cohorts/[id]">) {
  const user = await pageRole(Role.INSTRUCTOR);
  const { id } = await params;
  let cohort;
  try {
    ({ cohort } = await requireTaughtCohort(user, id));
  } catch (e) {
    if (isAppError(e) && e.code === "not-found") notFound();
    throw e;
  }
  const base = `/instructor/cohorts/${cohort.id}`;
  return (
    <>
      <div className="mb-6">
        <p className="eyebrow mb-1">
          <Link href="/instructor" className="hover:underline">
            Instructor
          </Link>{" "}
          · cohort
        </p>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="min-w-0 text-2xl font-bold tracking-tight break-words text-ink sm:text-3xl">{cohort.name}</h1>
          {cohort.archived && <Badge tone="warning">archived</Badge>}
        </div>
        <p className="mt-2 text-sm text-muted">
          Join code <code className="font-mono font-semibold text-ink">{cohort.joinCode}</code>
        </p>
      </div>
      <CohortTabs
        tabs={[
          { href: base, label: "Progress" },
          { href: `${base}/assignments`, label: "Assignments" },
          { href: `${base}/settings`, label: "Roster and settings" },
        ]}
      />
      {children}
    </>
  );
}
