"use client";
import { useState } from "react";
import { signOut } from "next-auth/react";

export function SignOutButton() {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      className="btn-primary w-full"
      disabled={pending}
      autoFocus
      onClick={async () => {
        setPending(true);
        await signOut({ redirect: false });
        window.location.assign("/sign-in?signedOut=1");
      }}
    >
      {pending ? "Signing out…" : "Sign out"}
    </button>
  );
}
