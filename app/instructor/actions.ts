"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { currentUser } from "@/app/_lib/session";
import { actionError, formOf, type TActionResult } from "@/app/_lib/action-result";
import { createCohort } from "@/server/cohorts/create-cohort";

export async function createCohortAction(_prev: TActionResult | null, form: FormData): Promise<TActionResult> {
  let id: string;
  try {
    ({ id } = await createCohort(await currentUser(), { name: formOf(form).get("name") }));
  } catch (e) {
    return actionError(e);
  }
  revalidatePath("/instructor");
  redirect(`/instructor/cohorts/${id}/settings`);
}
