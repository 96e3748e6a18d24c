"use client";
import { useActionState } from "react";
import Link from "next/link";
import { joinByLinkAction } from "../actions";
import { Alert } from "@/app/_components/ui";

export function JoinButton({ code }: { code: string }) {
  const [state, action, pending] = useActionState(joinByLinkAction, null);
  return (
    <div className="card max-w-lg p-6">
      {state?.ok ? (
        <div className="space-y-4">
          <Alert tone="success">{state.message}</Alert>
          <div className="flex flex-wrap gap-3">
            <Link href="/challenges" className="btn-primary">
              See your assignments
            </Link>
            <Link href="/cohorts" className="btn-secondary">
              My cohorts
            </Link>
          </div>
        </div>
      ) : (
        <form action={action} className="space-y-4">
          <input type="hidden" name="code" value={code} />
          <p className="text-sm">
            Join code <code className="font-mono text-lg font-bold tracking-widest">{code || "—"}</code>
          </p>
          {state && !state.ok && <Alert tone="error">{state.message}</Alert>}
          <button type="submit" className="btn-primary" disabled={pending || !code}>
            {pending ? "Joining…" : "Join this cohort"}
          </button>
        </form>
      )}
    </div>
  );
}
