"use client";
import { useSyncExternalStore } from "react";
import { toLocalInput } from "./local-time";

const noop = () => () => {};
const useIsClient = () =>
  useSyncExternalStore(
    noop,
    () => true,
    () => false,
  );

/** A `datetime-local` input prefilled in the browser's time zone (it remounts once on the client to do so). */
export function DateTimeInput({
  id,
  name,
  iso,
  required,
  label,
}: {
  id: string;
  name: string;
  iso: string | null;
  required?: boolean;
  label: string;
}) {
  const isClient = useIsClient();
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="label">
        {label}
      </label>
      <input
        key={isClient ? "client" : "server"}
        id={id}
        name={name}
        type="datetime-local"
        required={required}
        defaultValue={isClient ? toLocalInput(iso) : ""}
        className="input"
      />
    </div>
  );
}

/** The browser's UTC offset, so the server reads `datetime-local` values in the right zone. */
export function TzOffsetInput() {
  const isClient = useIsClient();
  return <input type="hidden" name="tzOffset" value={isClient ? String(new Date().getTimezoneOffset()) : "0"} />;
}
