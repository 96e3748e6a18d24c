import { AppError } from "../../server/errors";

/** Awaits `p` and returns the AppError it rejected with; fails the test if it resolved or threw something else. */
export async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected an AppError");
}
