"use server";
import { revalidatePath } from "next/cache";
import { currentUser } from "@/app/_lib/session";
import { actionError, formOf, type TActionResult } from "@/app/_lib/action-result";
import { joinCohort } from "@/server/cohorts/join-cohort";

export async function joinByLinkAction(
  _prev: TActionResult<{ cohortId: string }> | null,
  form: FormData,
): Promise<TActionResult<{ cohortId: string }>> {
  try {
    const res = await joinCohort(await currentUser(), formOf(form).get("code"));
    revalidatePath("/cohorts");
    revalidatePath("/challenges");
    return {
      ok: true,
      data: { cohortId: res.id },
      message: res.isNew ? `you joined ${res.name}` : `you are already in ${res.name}`,
    };
  } catch (e) {
    return actionError(e);
  }
}
