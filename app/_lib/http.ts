import "server-only";
import { isAppError } from "@/server/errors";
import { logger } from "@/server/log";
import { readCapped } from "./read-capped";

/** Reads a request body as text, refusing more than `maxBytes` before it is all in memory. */
export async function readBodyLimited(req: Request, maxBytes: number): Promise<string | null> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) return null;
  const bytes = await readCapped(req.body, maxBytes);
  return bytes === null ? null : Buffer.from(bytes).toString("utf8");
}

/**
 * A JSON response, never cached; a small one is also never compressed. Next's compression gzips every
 * reply however small (it streams, so it never sees a length), and on the submit path (a 60-byte
 * reply) that was the largest single cost after the database (`npm run bench:pipeline -- --profile`).
 * `no-transform` is the header it honours; reports and other large bodies are still compressed.
 */
export function jsonResponse(
  body: unknown,
  init: { status?: number; headers?: Record<string, string> } = {},
): Response {
  const text = JSON.stringify(body);
  return new Response(text, {
    status: init.status ?? 200,
    headers: {
      "content-type": "application/json",
      "cache-control": text.length < 1024 ? "no-store, no-transform" : "no-store",
      ...init.headers,
    },
  });
}

/** The JSON error every API route answers with: `{ error: { code, message, fields? } }`. */
export function errorResponse(e: unknown): Response {
  if (isAppError(e)) {
    const headers: Record<string, string> = {};
    if (e.retryAfter) headers["retry-after"] = String(e.retryAfter);
    return jsonResponse(
      { error: { code: e.code, message: e.message, ...(e.fields ? { fields: e.fields } : {}) } },
      { status: e.status, headers },
    );
  }
  logger().error({ err: e }, "unhandled error in a route handler");
  return jsonResponse(
    { error: { code: "internal", message: "something went wrong on our side: try again" } },
    { status: 500 },
  );
}
