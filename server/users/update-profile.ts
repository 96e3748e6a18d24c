import { z } from "zod";
import { db } from "../db";
import { AppError } from "../errors";
import { requireUser, type TActor } from "../authz";
import { ZPersonName, fieldErrors } from "./schemas";

const ZProfile = z.object({ displayName: ZPersonName("display name", 40) });

/** Changes the name shown on leaderboards (a pseudonym is fine). */
export async function updateProfile(actor: TActor, input: unknown): Promise<{ displayName: string }> {
  const user = requireUser(actor);
  const parsed = ZProfile.safeParse(input);
  if (!parsed.success)
    throw new AppError("invalid-input", "check the display name", { fields: fieldErrors(parsed.error) });
  await db().user.update({ where: { id: user.id }, data: { displayName: parsed.data.displayName } });
  return parsed.data;
}
