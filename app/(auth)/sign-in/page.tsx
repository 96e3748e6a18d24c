import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "../auth-card";
import { SignInForm } from "./sign-in-form";
import { currentUser } from "@/app/_lib/session";
import { safeNext } from "@/app/_lib/safe-next";

export const metadata = { title: "Sign in" };

const ERRORS: Record<string, string> = {
  CredentialsSignin: "the email or password is not right",
  SessionRequired: "sign in to continue",
};

export default async function SignInPage({ searchParams }: PageProps<"/sign-in">) {
  const sp = await searchParams;
  const next = safeNext(typeof sp.next === "string" ? sp.next : undefined);
  if (await currentUser()) redirect(next);
  const notice =
    sp.created === "1" ? "your account is ready: sign in" : sp.signedOut === "1" ? "you are signed out" : undefined;
  const errorKey = typeof sp.error === "string" ? sp.error : undefined;
  return (
    <AuthCard
      title="Sign in to Bastion"
      subtitle="Pick up where you left off."
      footer={
        <>
          New here?{" "}
          <Link
            href={`/sign-up${next !== "/challenges" ? `?next=${encodeURIComponent(next)}` : ""}`}
            className="font-semibold text-brand-700"
          >
            Create an account
          </Link>
        </>
      }
    >
      {errorKey && <p className="sr-only">{ERRORS[errorKey] ?? "sign-in failed"}</p>}
      <SignInForm next={next} notice={notice} />
    </AuthCard>
  );
}
