import { notFound } from "next/navigation";
import { liveChallengeExists } from "@/server/challenges/challenge-exists";

// Runs above this segment's loading.tsx, so an unknown slug is a real HTTP 404, not a streamed 200.
export default async function ChallengeLayout({ children, params }: LayoutProps<"/challenges/[slug]">) {
  const { slug } = await params;
  if (!(await liveChallengeExists(slug))) notFound();
  return children;
}
