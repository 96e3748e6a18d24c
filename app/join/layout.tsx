import { pageUser } from "@/app/_lib/session";

// The guard runs here, above the page, so a signed-out visitor gets a real redirect (back here after signing in).
export default async function Layout({ children }: { children: React.ReactNode }) {
  await pageUser();
  return children;
}
