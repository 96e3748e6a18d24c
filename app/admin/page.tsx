import Link from "next/link";
import { pageRole } from "@/app/_lib/session";
import { listUsers } from "@/server/admin/list-users";
import { Badge, EmptyState, PageHeader } from "@/app/_components/ui";
import { Role } from "@/server/db";
import { UserActions } from "./user-actions";

export const metadata = { title: "Admin · Users" };
export const dynamic = "force-dynamic";

const ROLE_TONE = { ADMIN: "danger", INSTRUCTOR: "brand", STUDENT: "neutral" } as const;

export default async function AdminUsersPage({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }) {
  const user = await pageRole(Role.ADMIN);
  const raw = (await searchParams).q;
  const q = (Array.isArray(raw) ? raw[0] : raw)?.slice(0, 100) ?? "";
  const users = await listUsers(user, { query: q, take: 100 });
  return (
    <>
      <PageHeader
        eyebrow="Admin"
        title="Users"
        description="Everyone with an account, newest first. Disabling a user ends their sessions at once."
      />
      <form role="search" action="/admin" className="mb-6 flex flex-col gap-2 sm:flex-row sm:items-end">
        <div className="flex-1">
          <label htmlFor="q" className="label">
            Search by email or name
          </label>
          <input id="q" name="q" type="search" defaultValue={q} maxLength={100} className="input mt-1.5" />
        </div>
        <div className="flex gap-2">
          <button type="submit" className="btn-primary">
            Search
          </button>
          {q && (
            <Link href="/admin" className="btn-ghost">
              Clear
            </Link>
          )}
        </div>
      </form>
      {users.length === 0 ? (
        <EmptyState title={q ? "No user matches" : "No users yet"}>
          {q ? (
            <>
              Nobody&apos;s email or name contains <q>{q}</q>.
            </>
          ) : (
            "Accounts appear here once people sign up."
          )}
        </EmptyState>
      ) : (
        <>
          <p className="mb-2 text-sm text-muted" aria-live="polite">
            {users.length === 100
              ? "The first 100 users: search to narrow down."
              : `${users.length} user${users.length === 1 ? "" : "s"}`}
          </p>
          <ul className="card divide-y divide-line" aria-label="Users">
            {users.map((u) => (
              <li
                key={u.id}
                data-testid="user-row"
                data-email={u.email}
                className="flex flex-col gap-3 px-4 py-3 md:flex-row md:items-center md:justify-between"
              >
                <div className="min-w-0">
                  <p className="font-medium break-words">
                    {u.name}
                    {u.id === user.id && <span className="ml-2 text-xs font-normal text-muted">(you)</span>}
                  </p>
                  <p className="text-sm break-all text-muted">{u.email}</p>
                  <p className="mt-1 flex flex-wrap items-center gap-2 text-xs text-muted">
                    <Badge tone={ROLE_TONE[u.role]}>{u.role.toLowerCase()}</Badge>
                    {u.disabled ? <Badge tone="warning">disabled</Badge> : <Badge tone="success">active</Badge>}
                    <span>joined {u.createdAt.toLocaleDateString("en", { dateStyle: "medium" })}</span>
                  </p>
                </div>
                {u.id === user.id ? (
                  <p className="text-xs text-muted">You cannot change or disable your own account.</p>
                ) : (
                  <UserActions key={`${u.role}-${u.disabled}`} user={u} />
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
