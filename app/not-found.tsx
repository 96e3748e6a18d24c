import Link from "next/link";

export default function NotFound() {
  return (
    <div className="mx-auto max-w-lg py-16 text-center">
      <p className="eyebrow">Error 404</p>
      <h1 className="mt-2 text-3xl font-bold tracking-tight">This page does not exist</h1>
      <p className="mt-3 text-muted">The link may be old, or the item was removed or is not yours to see.</p>
      <Link href="/challenges" className="btn-primary mt-8">
        Go to the challenges
      </Link>
    </div>
  );
}
