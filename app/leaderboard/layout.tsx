import { pageUser } from "@/app/_lib/session";

// The guard runs here, above loading.tsx's Suspense boundary, so a signed-out visitor gets a real redirect.
export default async function Layout({ children }: { children: React.ReactNode }) {
  await pageUser();
  return children;
}
