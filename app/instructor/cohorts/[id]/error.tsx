"use client";

export default function CohortError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="card px-6 py-10 text-center">
      <h2 className="text-lg font-semibold">This part of the cohort could not be loaded</h2>
      <p className="mt-2 text-sm text-muted">It was our fault, not yours. Try again in a moment.</p>
      <button type="button" onClick={reset} className="btn-primary mt-6">
        Try again
      </button>
    </div>
  );
}
