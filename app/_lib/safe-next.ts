/** A same-site path to return to after sign-in; anything else (other hosts, `//x`) becomes the catalog. */
export function safeNext(raw: string | null | undefined, fallback = "/challenges"): string {
  if (!raw || typeof raw !== "string") return fallback;
  if (!raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\") || raw.length > 512) return fallback;
  if (raw.startsWith("/sign-in") || raw.startsWith("/sign-up") || raw.startsWith("/sign-out")) return fallback;
  return raw;
}
