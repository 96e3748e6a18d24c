import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "../auth-card";
import { SignOutButton } from "./sign-out-button";
import { currentUser } from "@/app/_lib/session";

export const metadata = { title: "Sign out" };

export default async function SignOutPage() {
  const user = await currentUser();
  if (!user) redirect("/sign-in");
  return (
    <AuthCard
      title="Sign out"
      subtitle={`Signed in as ${user.email}.`}
      footer={
        <Link href="/challenges" className="font-semibold text-brand-700">
          Back to the challenges
        </Link>
      }
    >
      <SignOutButton />
    </AuthCard>
  );
}
