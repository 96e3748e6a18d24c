import { pageUser } from "@/app/_lib/session";
import { normaliseJoinCode } from "@/server/cohorts/join-code";
import { PageHeader } from "@/app/_components/ui";
import { JoinButton } from "./join-button";

export const metadata = { title: "Join a cohort" };
export const dynamic = "force-dynamic";

export default async function JoinByLinkPage({ params }: PageProps<"/join/[code]">) {
  const user = await pageUser();
  const { code: raw } = await params;
  const code = normaliseJoinCode(decodeURIComponent(raw));
  return (
    <>
      <PageHeader
        eyebrow="Classes"
        title="Join a cohort"
        description={`Signed in as ${user.displayName}. Your instructor will see your name, email and your scores on the challenges they assign.`}
      />
      <JoinButton code={code} />
    </>
  );
}
