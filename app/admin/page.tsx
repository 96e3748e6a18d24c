import { pageRole } from "@/app/_lib/session";
import { listUsers } from "@/server/admin/list-users";
import { Badge, PageHeader } from "@/app/_components/ui";
import { Role } from "@/server/db";

export const metadata = { title: "Admin" };
export const dynamic = "force-dynamic";

export default async function AdminPage() {
  const user = await pageRole(Role.ADMIN);
  const users = await listUsers(user);
  return (
    <>
      <PageHeader eyebrow="Admin" title="Users" description="Everyone with an account, newest first." />
      <div className="card overflow-x-auto">
        <table className="w-full text-sm">
          <thead className="border-b border-line bg-slate-50 text-left text-xs tracking-wide text-muted uppercase">
            <tr>
              <th scope="col" className="px-4 py-3">
                Name
              </th>
              <th scope="col" className="px-4 py-3">
                Email
              </th>
              <th scope="col" className="px-4 py-3">
                Role
              </th>
              <th scope="col" className="px-4 py-3">
                Status
              </th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} className="border-b border-line last:border-0">
                <td className="px-4 py-3 font-medium">{u.name}</td>
                <td className="px-4 py-3 text-muted">{u.email}</td>
                <td className="px-4 py-3">
                  <Badge tone={u.role === "ADMIN" ? "danger" : u.role === "INSTRUCTOR" ? "brand" : "neutral"}>
                    {u.role.toLowerCase()}
                  </Badge>
                </td>
                <td className="px-4 py-3">
                  {u.disabled ? <Badge tone="warning">disabled</Badge> : <Badge tone="success">active</Badge>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
