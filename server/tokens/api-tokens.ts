import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { db } from "../db";
import { AppError } from "../errors";
import { requireUser, type TActor, type TSessionUser } from "../authz";

const TOKEN_PREFIX = "bst_";
const MAX_ACTIVE_TOKENS = 10;

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

const ZTokenName = z
  .string()
  .trim()
  .min(1, "give the token a name, such as `laptop` or `ci`")
  .max(40, "a token name has at most 40 characters")
  .refine((s) => !/[\p{Cc}\p{Cf}]/u.test(s), "a token name cannot contain control characters");

/**
 * Creates a personal API token. The secret is returned once and never stored: only its SHA-256.
 */
export async function createApiToken(
  actor: TActor,
  rawName: unknown,
): Promise<{ id: string; token: string; prefix: string }> {
  const user = requireUser(actor);
  const parsed = ZTokenName.safeParse(rawName);
  if (!parsed.success)
    throw new AppError("invalid-input", parsed.error.issues[0].message, {
      fields: { name: parsed.error.issues[0].message },
    });
  const active = await db().apiToken.count({ where: { userId: user.id, revokedAt: null } });
  if (active >= MAX_ACTIVE_TOKENS)
    throw new AppError("conflict", `you have ${MAX_ACTIVE_TOKENS} active tokens: revoke one first`);
  const token = `${TOKEN_PREFIX}${randomBytes(24).toString("base64url")}`;
  const prefix = token.slice(0, 10);
  const row = await db().apiToken.create({
    data: { userId: user.id, name: parsed.data, tokenHash: hashToken(token), prefix },
  });
  return { id: row.id, token, prefix };
}

export async function listApiTokens(actor: TActor) {
  const user = requireUser(actor);
  return db().apiToken.findMany({
    where: { userId: user.id, revokedAt: null },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true },
  });
}

/** Revokes one of the caller's tokens; someone else's token id is "not found". */
export async function revokeApiToken(actor: TActor, tokenId: unknown): Promise<void> {
  const user = requireUser(actor);
  if (typeof tokenId !== "string" || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(tokenId))
    throw new AppError("not-found", "no such token");
  const res = await db().apiToken.updateMany({
    where: { id: tokenId, userId: user.id, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (res.count === 0) throw new AppError("not-found", "no such token");
}

/** The user behind `Authorization: Bearer bst_…`, or null. */
export async function userForBearer(authorization: string | null): Promise<TSessionUser | null> {
  if (!authorization?.startsWith("Bearer ")) return null;
  const token = authorization.slice(7).trim();
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 100) return null;
  // The token and its user in one round trip (the same checks as loadSessionUser). Raw SQL: this runs
  // on every API call, and a join of two narrow rows needs none of the query builder's work.
  const [row] = await db().$queryRaw<(TSessionUser & { tokenId: string; lastUsedAt: Date | null })[]>`
    SELECT t.id AS "tokenId", t."lastUsedAt", u.id, u.email, u.name, u."displayName", u.role::text AS role, u."sessionVersion"
    FROM "ApiToken" t JOIN "User" u ON u.id = t."userId"
    WHERE t."tokenHash" = ${hashToken(token)} AND t."revokedAt" IS NULL AND NOT u.disabled`;
  if (!row) return null;
  // Touch lastUsedAt at most once a minute: no write per request under load.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    void db()
      .apiToken.update({ where: { id: row.tokenId }, data: { lastUsedAt: new Date() } })
      .catch(() => {});
  }
  const { tokenId: _tokenId, lastUsedAt: _lastUsedAt, ...user } = row;
  return user;
}
