"use client";
import { useActionState } from "react";
import { createCohortAction } from "../actions";
import { Field } from "@/app/_components/ui";

export function CreateCohortForm() {
  const [state, action, pending] = useActionState(createCohortAction, null);
  const error = state && !state.ok ? (state.fields?.name ?? state.message) : undefined;
  return (
    <form action={action} className="card h-fit p-5" aria-labelledby="create-cohort-heading">
      <h2 id="create-cohort-heading" className="font-semibold">
        Create a cohort
      </h2>
      <div className="mt-3 space-y-3">
        <Field id="cohort-name" label="Cohort name" error={error} hint="e.g. Security 101, spring term">
          <input
            id="cohort-name"
            name="name"
            required
            maxLength={80}
            className="input"
            aria-invalid={!!error}
            aria-describedby={error ? "cohort-name-error" : "cohort-name-hint"}
          />
        </Field>
        <button type="submit" className="btn-primary w-full" disabled={pending}>
          {pending ? "Creating…" : "Create cohort"}
        </button>
      </div>
    </form>
  );
}
