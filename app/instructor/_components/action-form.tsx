"use client";
import { useActionState, type ReactNode } from "react";
import type { TActionResult } from "@/app/_lib/action-result";
import { Alert } from "@/app/_components/ui";

type TAction = (prev: TActionResult | null, form: FormData) => Promise<TActionResult>;

/**
 * A form bound to one server action: hidden ids, the fields given as children, a submit button,
 * and the action's message (success or error) announced below it.
 */
export function ActionForm({
  action,
  hidden,
  submitLabel,
  pendingLabel,
  buttonClass = "btn-secondary",
  buttonAriaLabel,
  confirm,
  className,
  children,
}: {
  action: TAction;
  hidden: Record<string, string>;
  submitLabel: string;
  pendingLabel?: string;
  buttonClass?: string;
  buttonAriaLabel?: string;
  /** ask before submitting (destructive actions) */
  confirm?: string;
  className?: string;
  children?: ReactNode;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form
      action={formAction}
      className={className}
      onSubmit={(e) => {
        if (confirm && !window.confirm(confirm)) e.preventDefault();
      }}
    >
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {children}
      <button type="submit" className={buttonClass} disabled={pending} aria-label={buttonAriaLabel}>
        {pending ? (pendingLabel ?? `${submitLabel}…`) : submitLabel}
      </button>
      {state && (
        <div className="basis-full">
          <Alert tone={state.ok ? "success" : "error"}>{state.message}</Alert>
        </div>
      )}
    </form>
  );
}
