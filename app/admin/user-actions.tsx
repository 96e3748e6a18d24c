"use client";
import { useActionState, useState } from "react";
import { setDisabledAction, setRoleAction } from "./actions";

const ROLES = ["STUDENT", "INSTRUCTOR", "ADMIN"] as const;

/** Role change and disable/enable for one user row. */
export function UserActions({
  user,
}: {
  user: { id: string; email: string; role: (typeof ROLES)[number]; disabled: boolean };
}) {
  const [roleState, roleAction, rolePending] = useActionState(setRoleAction, null);
  const [disState, disAction, disPending] = useActionState(setDisabledAction, null);
  const [confirming, setConfirming] = useState(false);
  const result = disState ?? roleState;
  const selectId = `role-${user.id}`;
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-2">
        <form action={roleAction} className="flex items-center gap-2">
          <input type="hidden" name="userId" value={user.id} />
          <label htmlFor={selectId} className="sr-only">
            Role for {user.email}
          </label>
          <select id={selectId} name="role" defaultValue={user.role} className="input w-auto py-1.5">
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r.toLowerCase()}
              </option>
            ))}
          </select>
          <button
            type="submit"
            className="btn-secondary px-3 py-1.5"
            disabled={rolePending}
            aria-label={`Save role for ${user.email}`}
          >
            {rolePending ? "Saving…" : "Save"}
          </button>
        </form>
        {user.disabled ? (
          <form action={disAction}>
            <input type="hidden" name="userId" value={user.id} />
            <input type="hidden" name="disabled" value="false" />
            <button
              type="submit"
              className="btn-secondary px-3 py-1.5"
              disabled={disPending}
              aria-label={`Enable ${user.email}`}
            >
              {disPending ? "Enabling…" : "Enable"}
            </button>
          </form>
        ) : confirming ? (
          <form action={disAction} className="flex items-center gap-2" onSubmit={() => setConfirming(false)}>
            <input type="hidden" name="userId" value={user.id} />
            <input type="hidden" name="disabled" value="true" />
            <button type="submit" className="btn-danger px-3 py-1.5" aria-label={`Confirm disabling ${user.email}`}>
              Confirm disable
            </button>
            <button type="button" className="btn-ghost px-3 py-1.5" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </form>
        ) : (
          <button
            type="button"
            className="btn-secondary px-3 py-1.5 text-red-700"
            disabled={disPending}
            onClick={() => setConfirming(true)}
            aria-label={`Disable ${user.email}`}
          >
            {disPending ? "Disabling…" : "Disable"}
          </button>
        )}
      </div>
      {result && (
        <p role={result.ok ? "status" : "alert"} className={`text-xs ${result.ok ? "text-allow" : "text-deny"}`}>
          {result.message}
        </p>
      )}
    </div>
  );
}
