"use client";
import { useActionState } from "react";
import { createTokenAction, revokeTokenAction } from "./actions";
import { Alert, Field } from "@/app/_components/ui";

type TToken = { id: string; name: string; prefix: string; createdAt: string; lastUsedAt: string | null };

export function ApiTokens({ tokens }: { tokens: TToken[] }) {
  const [created, create, creating] = useActionState(createTokenAction, null);
  const [revoked, revoke, revoking] = useActionState(revokeTokenAction, null);
  return (
    <section aria-labelledby="tokens-heading" className="card p-6">
      <h2 id="tokens-heading" className="text-lg font-semibold">
        API tokens
      </h2>
      <p className="mt-1 text-sm text-muted">
        Submit from scripts:{" "}
        <code className="font-mono text-xs">
          curl -H &quot;Authorization: Bearer &lt;token&gt;&quot; -H &quot;content-type: application/json&quot; -d
          &apos;{`{"challenge":"…","answer":"…"}`}&apos; /api/submissions
        </code>
      </p>
      <form action={create} className="mt-4 flex flex-col gap-3 sm:flex-row sm:items-end">
        <div className="flex-1">
          <Field id="token-name" label="Token name" error={created && !created.ok ? created.message : undefined}>
            <input id="token-name" name="name" required maxLength={40} placeholder="laptop" className="input" />
          </Field>
        </div>
        <button type="submit" className="btn-primary" disabled={creating}>
          {creating ? "Creating…" : "Create token"}
        </button>
      </form>
      {created?.ok && created.data && (
        <div className="mt-4">
          <Alert tone="success">
            <p className="font-semibold">Copy your new token now: it is shown only once.</p>
            <code
              data-testid="new-token"
              className="mt-2 block overflow-x-auto rounded bg-white px-2 py-1 font-mono text-xs text-ink"
            >
              {created.data.token}
            </code>
          </Alert>
        </div>
      )}
      {revoked && !revoked.ok && (
        <div className="mt-4">
          <Alert tone="error">{revoked.message}</Alert>
        </div>
      )}
      {tokens.length === 0 ? (
        <p className="mt-4 text-sm text-muted">You have no active tokens.</p>
      ) : (
        <ul className="mt-4 divide-y divide-line rounded-md border border-line">
          {tokens.map((t) => (
            <li key={t.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3 text-sm">
              <div>
                <p className="font-medium">{t.name}</p>
                <p className="text-xs text-muted">
                  <code className="font-mono">{t.prefix}…</code> · created{" "}
                  {new Date(t.createdAt).toLocaleDateString("en")} ·{" "}
                  {t.lastUsedAt ? `last used ${new Date(t.lastUsedAt).toLocaleString("en")}` : "never used"}
                </p>
              </div>
              <form action={revoke}>
                <input type="hidden" name="id" value={t.id} />
                <button
                  type="submit"
                  className="btn-secondary px-3 py-1.5 text-red-700"
                  disabled={revoking}
                  aria-label={`Revoke token ${t.name}`}
                >
                  Revoke
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
