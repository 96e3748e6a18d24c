import { notFound } from "next/navigation";
import { pageRole } from "@/app/_lib/session";
import { PageHeader } from "@/app/_components/ui";
import { Role } from "@/server/db";
import { isAppError } from "@/server/errors";
import { getAnalytics } from "@/server/analytics/get-analytics";
import { listAnalyticsCohorts } from "@/server/analytics/analytics-scope";
import { AnalyticsView } from "@/app/instructor/analytics/analytics-view";
import { CohortPicker } from "@/app/instructor/analytics/cohort-picker";

export const metadata = { title: "Admin · Analytics" };
export const dynamic = "force-dynamic";

type TSearch = Promise<{ cohort?: string | string[]; challenge?: string | string[] }>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function AdminAnalyticsPage({ searchParams }: { searchParams: TSearch }) {
  const user = await pageRole(Role.ADMIN);
  const sp = await searchParams;
  const cohortId = one(sp.cohort) || undefined;
  const challengeId = one(sp.challenge);
  const [cohorts, data] = await Promise.all([
    listAnalyticsCohorts(user),
    getAnalytics(user, { cohortId, challengeId }).catch((e: unknown) => {
      if (isAppError(e) && e.code === "not-found") notFound();
      throw e;
    }),
  ]);
  const base = cohortId ? `/admin/analytics?cohort=${encodeURIComponent(cohortId)}` : "/admin/analytics";
  const sep = cohortId ? "&" : "?";
  return (
    <>
      <PageHeader
        eyebrow="Admin"
        title="Analytics"
        description={
          data.scope.cohort
            ? `Cohort ${data.scope.cohort.name}: its students' submissions.`
            : "Every student's submissions on the platform."
        }
      />
      <div className="mb-6">
        <CohortPicker action="/admin/analytics" cohorts={cohorts} current={cohortId ?? null} allLabel="All students" />
      </div>
      <AnalyticsView data={data} hrefFor={(id) => (id ? `${base}${sep}challenge=${id}` : base)} />
    </>
  );
}
