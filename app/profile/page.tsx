import { pageUser } from "@/app/_lib/session";
import { PageHeader } from "@/app/_components/ui";
import { listApiTokens } from "@/server/tokens/api-tokens";
import { ApiTokens } from "./api-tokens";

export const metadata = { title: "Profile" };
export const dynamic = "force-dynamic";

export default async function ProfilePage() {
  const user = await pageUser();
  const tokens = await listApiTokens(user);
  return (
    <>
      <PageHeader eyebrow="Account" title="Your profile" />
      <div className="space-y-6">
        <dl className="card grid gap-4 p-6 sm:grid-cols-2">
          <div>
            <dt className="text-xs text-muted uppercase">Name</dt>
            <dd className="font-medium">{user.name}</dd>
          </div>
          <div>
            <dt className="text-xs text-muted uppercase">Display name</dt>
            <dd className="font-medium">{user.displayName}</dd>
          </div>
          <div>
            <dt className="text-xs text-muted uppercase">Email</dt>
            <dd className="font-medium break-all">{user.email}</dd>
          </div>
          <div>
            <dt className="text-xs text-muted uppercase">Role</dt>
            <dd className="font-medium">{user.role.toLowerCase()}</dd>
          </div>
        </dl>
        <ApiTokens
          tokens={tokens.map((t) => ({ ...t, createdAt: t.createdAt.toISOString(), lastUsedAt: t.lastUsedAt?.toISOString() ?? null }))}
        />
      </div>
    </>
  );
}
