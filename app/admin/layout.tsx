import { pageRole } from "@/app/_lib/session";
import { Role } from "@/server/db";
import { AdminNav } from "./admin-nav";

// The guard runs here, above loading.tsx's Suspense boundary, so the 403 is a real HTTP status.
export default async function Layout({ children }: { children: React.ReactNode }) {
  await pageRole(Role.ADMIN);
  return (
    <>
      <AdminNav />
      {children}
    </>
  );
}
