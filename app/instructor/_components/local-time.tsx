"use client";
import { useSyncExternalStore } from "react";

const noop = () => () => {};

/**
 * A date in the reader's own time zone. The server knows no time zone, so the first render (server
 * and hydration) says UTC; the browser then shows local time without a hydration mismatch.
 */
export function LocalTime({ iso, dateOnly = false }: { iso: string; dateOnly?: boolean }) {
  const isClient = useSyncExternalStore(
    noop,
    () => true,
    () => false,
  );
  const d = new Date(iso);
  const opts: Intl.DateTimeFormatOptions = dateOnly
    ? { dateStyle: "medium" }
    : { dateStyle: "medium", timeStyle: "short" };
  const text = isClient ? d.toLocaleString("en", opts) : `${d.toLocaleString("en", { ...opts, timeZone: "UTC" })} UTC`;
  return <time dateTime={iso}>{text}</time>;
}

/** The browser's `datetime-local` text for an ISO date, in local time. */
export function toLocalInput(iso: string | null): string {
  if (!iso) return "";
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
