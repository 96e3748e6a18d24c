"use client";
import { useActionState } from "react";
import { retryJobAction } from "../actions";

export function RetryButton({ jobId }: { jobId: string }) {
  const [state, action, pending] = useActionState(retryJobAction, null);
  return (
    <form action={action} className="flex flex-col items-start gap-1 sm:items-end">
      <input type="hidden" name="jobId" value={jobId} />
      <button
        type="submit"
        className="btn-secondary px-3 py-1.5"
        disabled={pending || !!state?.ok}
        aria-label={`Retry job ${jobId}`}
      >
        {pending ? "Retrying…" : state?.ok ? "Queued" : "Retry"}
      </button>
      {state && (
        <p role={state.ok ? "status" : "alert"} className={`text-xs ${state.ok ? "text-allow" : "text-deny"}`}>
          {state.message}
        </p>
      )}
    </form>
  );
}
