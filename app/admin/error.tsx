"use client";
import { Alert } from "@/app/_components/ui";

export default function AdminError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="space-y-4">
      <Alert tone="error">This admin page could not load. The database may be unreachable.</Alert>
      <button type="button" className="btn-secondary" onClick={reset}>
        Try again
      </button>
    </div>
  );
}
