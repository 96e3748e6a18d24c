"use client";
import { useActionState } from "react";
import { joinCohortAction } from "./actions";
import { Alert, Field } from "@/app/_components/ui";

export function JoinCohortForm({ initialCode = "" }: { initialCode?: string }) {
  const [state, action, pending] = useActionState(joinCohortAction, null);
  return (
    <form action={action} className="card p-5" aria-labelledby="join-heading">
      <h2 id="join-heading" className="font-semibold">
        Join a cohort
      </h2>
      <div className="mt-3 flex flex-col gap-3 sm:flex-row sm:items-start">
        <div className="flex-1">
          <Field
            id="join-code"
            label="Join code"
            error={state && !state.ok ? (state.fields?.code ?? state.message) : undefined}
          >
            <input
              id="join-code"
              name="code"
              defaultValue={initialCode}
              required
              maxLength={32}
              autoComplete="off"
              placeholder="e.g. K7MQ2XPA"
              className="input font-mono uppercase"
            />
          </Field>
        </div>
        <button type="submit" className="btn-primary sm:mt-7" disabled={pending}>
          {pending ? "Joining…" : "Join"}
        </button>
      </div>
      {state?.ok && (
        <div className="mt-3">
          <Alert tone="success">{state.message}</Alert>
        </div>
      )}
    </form>
  );
}
