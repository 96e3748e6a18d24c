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

// ARN segments repeat across requests and policies ("aws", "s3", "111122223333"): one shared
// string object per distinct segment lets `===` succeed on identity instead of comparing text.
const segments = new Map<string, string>();

/** The canonical string object for an ARN segment (bounded table; correctness never depends on it). */
export function internSegment(s: string): string {
  if (s.length > 64) return s;
  const hit = segments.get(s);
  if (hit !== undefined) return hit;
  if (segments.size > 20000) segments.clear();
  segments.set(s, s);
  return s;
}

/** splitArn with the first five segments interned (see internSegment). */
export function splitArnInterned(s: string): string[] | null {
  const parts = splitArn(s);
  if (parts) for (let i = 0; i < 5; i++) parts[i] = internSegment(parts[i]);
  return parts;
}
