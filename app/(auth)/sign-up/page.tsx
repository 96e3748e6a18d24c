import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "../auth-card";
import { SignUpForm } from "./sign-up-form";
import { currentUser } from "@/app/_lib/session";
import { safeNext } from "@/app/_lib/safe-next";

export const metadata = { title: "Create an account" };

export default async function SignUpPage({ searchParams }: PageProps<"/sign-up">) {
  const sp = await searchParams;
  const next = safeNext(typeof sp.next === "string" ? sp.next : undefined);
  if (await currentUser()) redirect(next);
  return (
    <AuthCard
      title="Create your Bastion account"
      subtitle="Write real AWS policies, see why each request is allowed or denied."
      footer={
        <>
          Already have an account?{" "}
          <Link href="/sign-in" className="font-semibold text-brand-700">
            Sign in
          </Link>
        </>
      }
    >
      <SignUpForm next={next} />
    </AuthCard>
  );
}
