import "server-only";
import { AppError, isAppError } from "@/server/errors";
import { logger } from "@/server/log";

/** What every server action returns to its form: never a thrown error, never a 500 page. */
export type TActionResult<T = undefined> =
  { ok: true; data?: T; message?: string } | { ok: false; message: string; fields?: Record<string, string> };

/**
 * The FormData a form action was called with. The browser always sends one, but an action is a public
 * endpoint: a hand-made request can pass any value, which is refused with a clear message.
 */
export function formOf(form: unknown): FormData {
  if (form instanceof FormData) return form;
  throw new AppError("invalid-input", "the form could not be read: reload the page and try again");
}

export function actionError(e: unknown): TActionResult<never> {
  if (isAppError(e)) return { ok: false, message: e.message, fields: e.fields };
  logger().error({ err: e }, "unhandled error in a server action");
  return { ok: false, message: "something went wrong on our side: try again" };
}
