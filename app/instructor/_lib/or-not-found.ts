import "server-only";
import { notFound } from "next/navigation";
import { isAppError } from "@/server/errors";

/**
 * Awaits a use case and turns its "not found" into the 404 page. Pages render alongside their
 * layouts (which check first), so they must not let the same error escape as a 500.
 */
export async function orNotFound<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (e) {
    if (isAppError(e) && e.code === "not-found") notFound();
    throw e;
  }
}
