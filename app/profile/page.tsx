import Link from "next/link";
import { pageUser } from "@/app/_lib/session";
import { PageHeader } from "@/app/_components/ui";
import { listApiTokens } from "@/server/tokens/api-tokens";
import { listMyCohorts } from "@/server/cohorts/list-my-cohorts";
import { listCatalog } from "@/server/challenges/list-catalog";
import { ApiTokens } from "./api-tokens";
import { DisplayNameForm } from "./display-name-form";
import { JoinCohortForm } from "@/app/cohorts/join-form";

export const metadata = { title: "Profile" };
export const dynamic = "force-dynamic";

export default async function ProfilePage() {
  const user = await pageUser();
  const [tokens, cohorts, catalog] = await Promise.all([listApiTokens(user), listMyCohorts(user), listCatalog(user)]);
  return (
    <>
      <PageHeader
        eyebrow="Account"
        title="Your profile"
        description={`${user.name} · ${user.email} · ${user.role.toLowerCase()}`}
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="identity-heading" className="card p-6">
          <h2 id="identity-heading" className="text-lg font-semibold">
            How others see you
          </h2>
          <div className="mt-4">
            <DisplayNameForm current={user.displayName} />
          </div>
        </section>

        <section aria-labelledby="readiness-heading" className="card p-6">
          <h2 id="readiness-heading" className="text-lg font-semibold">
            Exam readiness
          </h2>
          <p className="mt-1 text-sm text-muted">
            Your best points in each SCS-C02 domain, out of what the catalog offers.
          </p>
          {catalog.progress.byDomain.length === 0 ? (
            <p className="mt-4 text-sm text-muted">No challenges yet.</p>
          ) : (
            <ul className="mt-4 space-y-3">
              {catalog.progress.byDomain.map((d) => {
                const pct = d.maxPoints ? Math.round((100 * d.points) / d.maxPoints) : 0;
                return (
                  <li key={d.domain}>
                    <div className="flex justify-between gap-3 text-sm">
                      <span className="font-medium">{d.domain}</span>
                      <span className="text-muted tabular-nums">{pct} %</span>
                    </div>
                    <div
                      className="mt-1 h-2 rounded-full bg-slate-100"
                      role="progressbar"
                      aria-label={`${d.domain} readiness`}
                      aria-valuenow={pct}
                      aria-valuemin={0}
                      aria-valuemax={100}
                    >
                      <div
                        className={`h-2 rounded-full ${pct >= 80 ? "bg-allow" : pct >= 40 ? "bg-amber-500" : "bg-brand-500"}`}
                        style={{ width: `${pct}%` }}
                      />
                    </div>
                  </li>
                );
              })}
            </ul>
          )}
        </section>

        <section aria-labelledby="cohorts-heading" className="card p-6">
          <h2 id="cohorts-heading" className="text-lg font-semibold">
            Cohorts
          </h2>
          {cohorts.length === 0 ? (
            <p className="mt-2 text-sm text-muted">You are not in a cohort yet.</p>
          ) : (
            <ul className="mt-3 divide-y divide-line">
              {cohorts.map((c) => (
                <li key={c.id} className="flex items-center justify-between gap-3 py-2 text-sm">
                  <span className="font-medium">{c.name}</span>
                  <Link href={`/cohorts/${c.id}/leaderboard`} className="text-brand-700">
                    Leaderboard
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </section>
        <JoinCohortForm />
        <div className="lg:col-span-2">
          <ApiTokens
            tokens={tokens.map((t) => ({
              ...t,
              createdAt: t.createdAt.toISOString(),
              lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
            }))}
          />
        </div>
      </div>
    </>
  );
}
