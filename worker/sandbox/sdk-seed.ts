/**
 * The per-case state of the fake AWS SDK, as a challenge author writes it. Every case starts from a
 * fresh copy; nothing a handler writes survives into the next case.
 */
export interface SdkSeed {
  cognito?: {
    /** Users in the pool. Default: one user built from the event (userName + request.userAttributes). */
    users?: Array<{
      username: string;
      attributes?: Record<string, string>;
      groups?: string[];
      status?: string;
      enabled?: boolean;
    }>;
    /** Groups that exist. Default: `students`, `instructors`, `admins`. */
    groups?: string[];
  };
  dynamodb?: {
    /** Tables by name. `key`: key attribute names (default `["id"]`); `items`: plain JSON items. */
    tables?: Record<string, { key?: string[]; items?: Array<Record<string, unknown>> }>;
  };
}

type AV = Record<string, unknown>;

function marshall(v: unknown): AV {
  if (v === null || v === undefined) return { NULL: true };
  if (typeof v === "string") return { S: v };
  if (typeof v === "number") return { N: String(v) };
  if (typeof v === "boolean") return { BOOL: v };
  if (Array.isArray(v)) return { L: v.map(marshall) };
  if (typeof v === "object") return { M: marshallItem(v as Record<string, unknown>) };
  return { S: String(v) };
}

function marshallItem(o: Record<string, unknown>): Record<string, AV> {
  const out: Record<string, AV> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = marshall(v);
  return out;
}

function obj(v: unknown): Record<string, unknown> | null {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

/** Turns an author's seed into the guest runtime's state (marshalled items, default user and groups). */
export function normaliseSeed(seed: SdkSeed | undefined, event: unknown): unknown {
  const ev = obj(event) ?? {};
  const req = obj(ev.request) ?? {};
  const attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj(req.userAttributes) ?? {}))
    if (typeof v === "string" && k !== "cognito:user_status") attrs[k] = v;
  const status =
    typeof (obj(req.userAttributes) ?? {})["cognito:user_status"] === "string"
      ? String((obj(req.userAttributes) ?? {})["cognito:user_status"])
      : "CONFIRMED";
  const defaultUsers =
    typeof ev.userName === "string" && !String(ev.triggerSource ?? "").startsWith("UserMigration_")
      ? [{ Username: ev.userName, Attributes: attrs, Groups: [] as string[], UserStatus: status, Enabled: true }]
      : [];
  const users = seed?.cognito?.users
    ? seed.cognito.users.map((u) => ({
        Username: String(u.username),
        Attributes: { ...(u.attributes ?? {}) },
        Groups: [...(u.groups ?? [])],
        UserStatus: u.status ?? "CONFIRMED",
        Enabled: u.enabled !== false,
      }))
    : defaultUsers;
  const tables: Record<string, { key: string[]; items: Array<Record<string, AV>> }> = {};
  for (const [name, t] of Object.entries(seed?.dynamodb?.tables ?? {})) {
    tables[name] = {
      key: t.key && t.key.length > 0 ? [...t.key] : ["id"],
      items: (t.items ?? []).map((i) => marshallItem(i)),
    };
  }
  return {
    cognito: { users, groups: seed?.cognito?.groups ?? ["students", "instructors", "admins"], emailAsUsername: true },
    dynamodb: { tables },
  };
}
