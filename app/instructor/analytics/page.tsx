import { notFound } from "next/navigation";
import { pageRole } from "@/app/_lib/session";
import { EmptyState, PageHeader } from "@/app/_components/ui";
import { Role } from "@/server/db";
import { isAppError } from "@/server/errors";
import { getAnalytics } from "@/server/analytics/get-analytics";
import { listAnalyticsCohorts } from "@/server/analytics/analytics-scope";
import { AnalyticsView } from "./analytics-view";
import { CohortPicker } from "./cohort-picker";

export const metadata = { title: "Analytics" };
export const dynamic = "force-dynamic";

type TSearch = Promise<{ cohort?: string | string[]; challenge?: string | string[] }>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function InstructorAnalyticsPage({ searchParams }: { searchParams: TSearch }) {
  const user = await pageRole(Role.INSTRUCTOR);
  const sp = await searchParams;
  const cohortId = one(sp.cohort);
  const challengeId = one(sp.challenge);
  const cohorts = await listAnalyticsCohorts(user);
  if (!cohortId) {
    return (
      <>
        <PageHeader eyebrow="Instructor" title="Analytics" description="Where each cohort goes wrong, per challenge." />
        {cohorts.length === 0 ? (
          <EmptyState title="You teach no cohort yet">Analytics appear for cohorts you teach.</EmptyState>
        ) : (
          <CohortPicker action="/instructor/analytics" cohorts={cohorts} current={null} />
        )}
      </>
    );
  }
  const data = await getAnalytics(user, { cohortId, challengeId }).catch((e: unknown) => {
    if (isAppError(e) && e.code === "not-found") notFound();
    throw e;
  });
  const base = `/instructor/analytics?cohort=${encodeURIComponent(cohortId)}`;
  return (
    <>
      <PageHeader
        eyebrow="Instructor · Analytics"
        title={data.scope.cohort?.name ?? "Analytics"}
        description="Solve rates, attempts, failing cases, misconceptions and common wrong answers of this cohort's students."
      />
      <div className="mb-6">
        <CohortPicker action="/instructor/analytics" cohorts={cohorts} current={cohortId} />
      </div>
      <AnalyticsView data={data} hrefFor={(id) => (id ? `${base}&challenge=${id}` : base)} />
    </>
  );
}
