"use server";
import { revalidatePath } from "next/cache";
import { currentUser } from "@/app/_lib/session";
import { actionError, formOf, type TActionResult } from "@/app/_lib/action-result";
import { joinCohort } from "@/server/cohorts/join-cohort";

export async function joinCohortAction(_prev: TActionResult | null, form: FormData): Promise<TActionResult> {
  try {
    const res = await joinCohort(await currentUser(), formOf(form).get("code"));
    revalidatePath("/cohorts");
    revalidatePath("/profile");
    return { ok: true, message: res.isNew ? `you joined ${res.name}` : `you are already in ${res.name}` };
  } catch (e) {
    return actionError(e);
  }
}
