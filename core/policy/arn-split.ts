// Splitting ARNs into their six parts. A leaf module (no imports) so that request.ts and
// matchers.ts can both use it without an import cycle.

/** Splits an ARN into its six parts (the last keeps its colons), or null when it is not an ARN. */
export function splitArn(s: string): string[] | null {
  if (!s.startsWith("arn:")) return null;
  const out: string[] = [];
  let from = 0;
  for (let i = 0; i < 5; i++) {
    const c = s.indexOf(":", from);
    if (c < 0) return null;
    out.push(s.slice(from, c));
    from = c + 1;
  }
  out.push(s.slice(from));
  return out;
}
