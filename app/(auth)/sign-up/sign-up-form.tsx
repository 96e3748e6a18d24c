"use client";
import { useState, type FormEvent } from "react";
import { signIn } from "next-auth/react";
import { Alert, Field } from "@/app/_components/ui";

type TFieldErrors = Partial<Record<"email" | "name" | "displayName" | "password", string>>;

export function SignUpForm({ next }: { next: string }) {
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<TFieldErrors>({});
  const [pending, setPending] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const body = {
      email: String(form.get("email") ?? ""),
      name: String(form.get("name") ?? ""),
      displayName: String(form.get("displayName") ?? "") || undefined,
      password: String(form.get("password") ?? ""),
    };
    setPending(true);
    setError(null);
    setFields({});
    try {
      const res = await fetch("/api/sign-up", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      if (!res.ok) {
        const data = (await res.json().catch(() => null)) as {
          error?: { message?: string; fields?: TFieldErrors };
        } | null;
        setFields(data?.error?.fields ?? {});
        setError(data?.error?.message ?? "the account could not be created: try again");
        setPending(false);
        return;
      }
      const signedIn = await signIn("credentials", { redirect: false, email: body.email, password: body.password });
      window.location.assign(signedIn && !signedIn.error ? next : "/sign-in?created=1");
    } catch {
      setError("the account could not be created: check your connection and try again");
      setPending(false);
    }
  }

  const invalid = (k: keyof TFieldErrors) =>
    fields[k] ? { "aria-invalid": true, "aria-describedby": `${k}-error` } : {};

  return (
    <form onSubmit={onSubmit} className="space-y-5" noValidate>
      {error && <Alert tone="error">{error}</Alert>}
      <Field id="name" label="Full name" error={fields.name}>
        <input
          id="name"
          name="name"
          autoComplete="name"
          required
          maxLength={80}
          className="input"
          {...invalid("name")}
        />
      </Field>
      <Field
        id="displayName"
        label="Display name (optional)"
        hint="Shown on leaderboards. A pseudonym is fine."
        error={fields.displayName}
      >
        <input
          id="displayName"
          name="displayName"
          autoComplete="nickname"
          maxLength={40}
          className="input"
          {...invalid("displayName")}
        />
      </Field>
      <Field id="email" label="Email" error={fields.email}>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          required
          maxLength={254}
          className="input"
          {...invalid("email")}
        />
      </Field>
      <Field id="password" label="Password" hint="At least 10 characters." error={fields.password}>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          maxLength={200}
          className="input"
          {...invalid("password")}
        />
      </Field>
      <button type="submit" className="btn-primary w-full" disabled={pending}>
        {pending ? "Creating your account…" : "Create account"}
      </button>
    </form>
  );
}
