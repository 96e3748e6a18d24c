import Link from "next/link";

export default function Forbidden() {
  return (
    <div className="mx-auto max-w-lg py-16 text-center">
      <p className="eyebrow">Error 403</p>
      <h1 className="mt-2 text-3xl font-bold tracking-tight">You don&apos;t have access to this page</h1>
      <p className="mt-3 text-muted">
        It is for instructors or administrators. If you think you should have access, ask an administrator to change
        your role.
      </p>
      <Link href="/challenges" className="btn-primary mt-8">
        Go to the challenges
      </Link>
    </div>
  );
}
