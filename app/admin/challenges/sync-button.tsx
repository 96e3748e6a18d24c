"use client";
import { useActionState } from "react";
import { syncChallengesAction } from "../actions";
import { Alert } from "@/app/_components/ui";

const LINES = [
  ["created", "Created"],
  ["updated", "Updated"],
  ["unchanged", "Unchanged"],
  ["newVersions", "New versions"],
  ["retired", "Retired"],
  ["unretired", "Back from retirement"],
] as const;

/** "Sync now": runs the challenges:sync code on the server and shows its summary. */
export function SyncButton() {
  const [state, action, pending] = useActionState(syncChallengesAction, null);
  const s = state?.ok ? state.data : undefined;
  return (
    <div className="space-y-3">
      <form action={action}>
        <button type="submit" className="btn-primary" disabled={pending}>
          {pending ? "Syncing…" : "Sync now"}
        </button>
      </form>
      {state && !state.ok && <Alert tone="error">{state.message}</Alert>}
      {s && (
        <div data-testid="sync-summary">
          <Alert tone={s.skipped.length > 0 ? "warning" : "success"}>
            <p className="font-semibold">
              Sync finished{s.skipped.length > 0 ? ` with ${s.skipped.length} broken folder(s) skipped` : ""}.
            </p>
            <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
              {LINES.map(([key, label]) => (
                <div key={key} className="contents">
                  <dt className="font-medium">{label}</dt>
                  <dd className="min-w-0 break-words">
                    {s[key].length}
                    {s[key].length > 0 && s[key].length <= 12 ? `: ${s[key].join(", ")}` : ""}
                  </dd>
                </div>
              ))}
              <div className="contents">
                <dt className="font-medium">Skipped</dt>
                <dd className="min-w-0 break-words">
                  {s.skipped.length}
                  {s.skipped.length > 0 ? `: ${s.skipped.map((x) => x.slug).join(", ")}` : ""}
                </dd>
              </div>
            </dl>
          </Alert>
        </div>
      )}
    </div>
  );
}
