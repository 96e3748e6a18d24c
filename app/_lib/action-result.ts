import "server-only";
import { isAppError } from "@/server/errors";
import { logger } from "@/server/log";

/** What every server action returns to its form: never a thrown error, never a 500 page. */
export type TActionResult<T = undefined> =
  { ok: true; data?: T; message?: string } | { ok: false; message: string; fields?: Record<string, string> };

export function actionError(e: unknown): TActionResult<never> {
  if (isAppError(e)) return { ok: false, message: e.message, fields: e.fields };
  logger().error({ err: e }, "unhandled error in a server action");
  return { ok: false, message: "something went wrong on our side: try again" };
}
