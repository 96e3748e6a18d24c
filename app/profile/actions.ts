"use server";
import { revalidatePath } from "next/cache";
import { currentUser } from "@/app/_lib/session";
import { actionError, formOf, type TActionResult } from "@/app/_lib/action-result";
import { createApiToken, revokeApiToken } from "@/server/tokens/api-tokens";
import { updateProfile } from "@/server/users/update-profile";

export async function createTokenAction(
  _prev: TActionResult<{ token: string }> | null,
  form: FormData,
): Promise<TActionResult<{ token: string }>> {
  try {
    const { token } = await createApiToken(await currentUser(), formOf(form).get("name"));
    revalidatePath("/profile");
    return { ok: true, data: { token } };
  } catch (e) {
    return actionError(e);
  }
}

export async function revokeTokenAction(_prev: TActionResult | null, form: FormData): Promise<TActionResult> {
  try {
    await revokeApiToken(await currentUser(), formOf(form).get("id"));
    revalidatePath("/profile");
    return { ok: true, message: "token revoked" };
  } catch (e) {
    return actionError(e);
  }
}

export async function updateProfileAction(_prev: TActionResult | null, form: FormData): Promise<TActionResult> {
  try {
    await updateProfile(await currentUser(), { displayName: formOf(form).get("displayName") });
    revalidatePath("/", "layout");
    return { ok: true, message: "display name saved" };
  } catch (e) {
    return actionError(e);
  }
}
