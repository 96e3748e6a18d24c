import { pageRole } from "@/app/_lib/session";
import { listChallengesForAdmin } from "@/server/admin/list-challenges-admin";
import { Badge, EmptyState, PageHeader } from "@/app/_components/ui";
import { Role } from "@/server/db";
import { SyncButton } from "./sync-button";

export const metadata = { title: "Admin · Challenges" };
export const dynamic = "force-dynamic";

const when = (d: Date) => d.toLocaleString("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC";

export default async function AdminChallengesPage() {
  const user = await pageRole(Role.ADMIN);
  const rows = await listChallengesForAdmin(user);
  const live = rows.filter((r) => !r.retiredAt);
  const lastSync = rows.reduce<Date | null>((m, r) => (!m || r.syncedAt > m ? r.syncedAt : m), null);
  const withErrors = rows.filter((r) => r.issues.errors.length > 0).length;
  const withWarnings = rows.filter((r) => r.issues.warnings.length > 0).length;
  return (
    <>
      <PageHeader
        eyebrow="Admin"
        title="Challenges"
        description={
          <>
            {live.length} live, {rows.length - live.length} retired · {withErrors} with sync errors, {withWarnings} with
            warnings · last sync {lastSync ? when(lastSync) : "never"}. &ldquo;Sync now&rdquo; reads the challenges/
            folder, the same as <code className="font-mono text-xs">npm run challenges:sync</code>.
          </>
        }
      />
      <section aria-label="Sync" className="mb-6">
        <SyncButton />
      </section>
      {rows.length === 0 ? (
        <EmptyState title="No challenges in the database">Run a sync to load the challenges/ folder.</EmptyState>
      ) : (
        <ul className="card divide-y divide-line" aria-label="Challenges">
          {rows.map((c) => (
            <li key={c.id} data-testid="challenge-row" className="px-4 py-3">
              <div className="flex flex-col gap-2 sm:flex-row sm:items-start sm:justify-between">
                <div className="min-w-0">
                  <p className="font-medium break-words">
                    {c.title}
                    {c.retiredAt && (
                      <span className="ml-2 align-middle">
                        <Badge tone="warning">retired {c.retiredAt.toLocaleDateString("en")}</Badge>
                      </span>
                    )}
                  </p>
                  <p className="font-mono text-xs break-all text-muted">{c.slug}</p>
                  <p className="mt-1 text-xs text-muted">
                    {c.kind} · {c.domain} · {c.points} pts
                  </p>
                </div>
                <dl className="grid shrink-0 grid-cols-[auto_1fr] gap-x-3 text-xs text-muted sm:text-right">
                  <dt>version</dt>
                  <dd>
                    <code className="font-mono text-ink" title={c.versionHash ?? undefined}>
                      {c.versionHash ? c.versionHash.slice(0, 12) : "none"}
                    </code>
                  </dd>
                  <dt>versions</dt>
                  <dd className="tabular-nums">{c.versions}</dd>
                  <dt>synced</dt>
                  <dd>{when(c.syncedAt)}</dd>
                </dl>
              </div>
              {(c.issues.errors.length > 0 || c.issues.warnings.length > 0) && (
                <ul className="mt-2 space-y-1 text-xs">
                  {c.issues.errors.map((e, i) => (
                    <li key={`e${i}`} className="rounded bg-red-50 px-2 py-1 break-words text-red-800">
                      <span className="font-semibold">error:</span> {e}
                    </li>
                  ))}
                  {c.issues.warnings.map((w, i) => (
                    <li key={`w${i}`} className="rounded bg-amber-50 px-2 py-1 break-words text-amber-900">
                      <span className="font-semibold">warning:</span> {w}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
