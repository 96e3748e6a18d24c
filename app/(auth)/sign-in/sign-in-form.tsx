"use client";
import { useState, type FormEvent } from "react";
import { signIn } from "next-auth/react";
import { Alert, Field } from "@/app/_components/ui";

export function SignInForm({ next, notice }: { next: string; notice?: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setPending(true);
    setError(null);
    try {
      const res = await signIn("credentials", {
        redirect: false,
        email: String(form.get("email") ?? ""),
        password: String(form.get("password") ?? ""),
      });
      if (!res || res.error) {
        setError(res?.error && res.error !== "CredentialsSignin" ? res.error : "the email or password is not right");
        setPending(false);
        return;
      }
      // A full navigation so every server component renders with the new session.
      window.location.assign(next);
    } catch {
      setError("sign-in is unavailable right now: check your connection and try again");
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="space-y-5" noValidate aria-describedby={error ? "sign-in-error" : undefined}>
      {notice && !error && <Alert tone="success">{notice}</Alert>}
      {error && (
        <div id="sign-in-error">
          <Alert tone="error">{error}</Alert>
        </div>
      )}
      <Field id="email" label="Email">
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          required
          maxLength={254}
          className="input"
          autoFocus
        />
      </Field>
      <Field id="password" label="Password">
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          maxLength={200}
          className="input"
        />
      </Field>
      <button type="submit" className="btn-primary w-full" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
