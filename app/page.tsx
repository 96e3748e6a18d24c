import Link from "next/link";
import { redirect } from "next/navigation";
import { currentUser } from "./_lib/session";

const FEATURES = [
  {
    title: "Write real policies",
    body: "IAM identity policies, S3 bucket policies, KMS key policies, trust policies, SCPs and permission boundaries, validated as you type.",
  },
  {
    title: "See every decision",
    body: "Each test request shows which statement decided, which condition failed and why, in your own policy text.",
  },
  {
    title: "Cognito triggers too",
    body: "Pre sign-up, custom-auth CAPTCHA, pre token generation: your JavaScript runs against Cognito's rules in a sandbox.",
  },
];

export default async function Home() {
  if (await currentUser()) redirect("/challenges");
  return (
    <div className="py-6 sm:py-12">
      <section className="max-w-3xl">
        <p className="eyebrow">AWS Certified Security – Specialty</p>
        <h1 className="mt-3 text-4xl font-bold tracking-tight text-ink sm:text-5xl">Learn AWS security by doing.</h1>
        <p className="mt-5 text-lg text-muted">
          Bastion is a classroom of graded challenges. Write the policy or the trigger, run the tests, and see exactly
          why each request was allowed or denied. Instructors see where the whole class goes wrong.
        </p>
        <div className="mt-8 flex flex-wrap gap-3">
          <Link href="/sign-up" className="btn-primary px-5 py-2.5 text-base">
            Create a free account
          </Link>
          <Link href="/sign-in" className="btn-secondary px-5 py-2.5 text-base">
            Sign in
          </Link>
        </div>
      </section>
      <section className="mt-16 grid gap-4 sm:grid-cols-3" aria-label="Features">
        {FEATURES.map((f) => (
          <div key={f.title} className="card p-5">
            <h2 className="font-semibold text-ink">{f.title}</h2>
            <p className="mt-2 text-sm text-muted">{f.body}</p>
          </div>
        ))}
      </section>
    </div>
  );
}
