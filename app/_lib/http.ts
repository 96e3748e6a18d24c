import "server-only";
import { isAppError } from "@/server/errors";
import { logger } from "@/server/log";

/** Reads a request body as text, refusing more than `maxBytes` before it is all in memory. */
export async function readBodyLimited(req: Request, maxBytes: number): Promise<string | null> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) return null;
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** The JSON error every API route answers with: `{ error: { code, message, fields? } }`. */
export function errorResponse(e: unknown): Response {
  if (isAppError(e)) {
    const headers: Record<string, string> = {};
    if (e.retryAfter) headers["retry-after"] = String(e.retryAfter);
    return Response.json(
      { error: { code: e.code, message: e.message, ...(e.fields ? { fields: e.fields } : {}) } },
      { status: e.status, headers },
    );
  }
  logger().error({ err: e }, "unhandled error in a route handler");
  return Response.json(
    { error: { code: "internal", message: "something went wrong on our side: try again" } },
    { status: 500 },
  );
}
