/** The challenge page's skeleton: header, prompt column and workbench. */
export default function Loading() {
  return (
    <div role="status" aria-live="polite">
      <span className="sr-only">Loading the challenge…</span>
      <div className="mb-6 space-y-3">
        <div className="h-3 w-32 animate-pulse rounded bg-slate-200" />
        <div className="h-8 w-full max-w-lg animate-pulse rounded bg-slate-200" />
        <div className="flex gap-2">
          {[0, 1, 2].map((i) => (
            <div key={i} className="h-5 w-20 animate-pulse rounded-full bg-slate-200" />
          ))}
        </div>
      </div>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,5fr)_minmax(0,7fr)]">
        <div className="space-y-6">
          <div className="card h-64 animate-pulse bg-slate-100" />
          <div className="card h-48 animate-pulse bg-slate-100" />
        </div>
        <div className="card h-[32rem] animate-pulse bg-slate-100" />
      </div>
    </div>
  );
}
