"use client";
import { useActionState } from "react";
import { updateProfileAction } from "./actions";
import { Field } from "@/app/_components/ui";

export function DisplayNameForm({ current }: { current: string }) {
  const [state, action, pending] = useActionState(updateProfileAction, null);
  return (
    <form action={action} className="flex flex-col gap-3 sm:flex-row sm:items-start">
      <div className="flex-1">
        <Field
          id="displayName"
          label="Display name"
          hint="Shown on leaderboards. A pseudonym is fine."
          error={state && !state.ok ? (state.fields?.displayName ?? state.message) : undefined}
        >
          <input id="displayName" name="displayName" defaultValue={current} required maxLength={40} className="input" />
        </Field>
      </div>
      <button type="submit" className="btn-secondary sm:mt-7" disabled={pending}>
        {pending ? "Saving…" : "Save"}
      </button>
      {state?.ok && (
        <p role="status" className="text-sm text-allow sm:mt-9">
          {state.message}
        </p>
      )}
    </form>
  );
}
