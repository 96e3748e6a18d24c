"use client";
import Link from "next/link";

export default function ChallengeError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="mx-auto max-w-lg py-16 text-center">
      <p className="eyebrow">Something went wrong</p>
      <h1 className="mt-2 text-2xl font-bold tracking-tight">This challenge could not be loaded</h1>
      <p className="mt-3 text-muted">
        It was our fault, not yours. Your draft is kept in this browser, so nothing is lost: try again.
      </p>
      <div className="mt-8 flex flex-wrap justify-center gap-2">
        <button type="button" onClick={reset} className="btn-primary">
          Try again
        </button>
        <Link href="/challenges" className="btn-secondary">
          Back to the challenges
        </Link>
      </div>
    </div>
  );
}
