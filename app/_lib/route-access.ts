/**
 * Who may open which page, checked in proxy.ts before rendering starts (so the answer is a real
 * 307 or 403, not a client-side redirect in a streamed 200). Pages check again on the server with
 * fresh data from the database; this table is the fast first gate.
 */
export type TAccess = "public" | "user" | "INSTRUCTOR" | "ADMIN";

const RULES: [prefix: string, access: TAccess][] = [
  ["/admin", "ADMIN"],
  ["/instructor", "INSTRUCTOR"],
  ["/challenges", "user"],
  ["/leaderboard", "user"],
  ["/cohorts", "user"],
  ["/profile", "user"],
  ["/join", "user"],
];

export function accessFor(pathname: string): TAccess {
  for (const [prefix, access] of RULES) {
    if (pathname === prefix || pathname.startsWith(`${prefix}/`)) return access;
  }
  return "public";
}

const RANK = { STUDENT: 0, INSTRUCTOR: 1, ADMIN: 2 } as const;

export function roleMeets(role: unknown, access: TAccess): boolean {
  if (access === "public" || access === "user") return true;
  const r = RANK[role as keyof typeof RANK];
  return r !== undefined && r >= RANK[access];
}
