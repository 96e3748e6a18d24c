"use server";
import { revalidatePath } from "next/cache";
import { currentUser } from "@/app/_lib/session";
import { actionError, formOf, type TActionResult } from "@/app/_lib/action-result";
import { createSubmission } from "@/server/submissions/create-submission";
import { revealHint } from "@/server/challenges/reveal-hint";

/** Submits the editor's text for grading; the page then follows the submission live. */
export async function submitAnswerAction(
  slug: string,
  answer: string,
): Promise<TActionResult<{ id: string; status: string; isDuplicate: boolean }>> {
  try {
    const created = await createSubmission(await currentUser(), { challenge: slug, answer });
    revalidatePath(`/challenges/${slug}`);
    return { ok: true, data: { id: created.id, status: created.status, isDuplicate: created.isDuplicate } };
  } catch (e) {
    return actionError(e);
  }
}

/** Reveals (and records) one hint; the page re-renders with its text. */
export async function revealHintAction(_prev: TActionResult | null, form: FormData): Promise<TActionResult> {
  try {
    const slug = String(formOf(form).get("challenge") ?? "");
    await revealHint(await currentUser(), { challenge: slug, index: form.get("index") });
    revalidatePath(`/challenges/${slug}`);
    return { ok: true };
  } catch (e) {
    return actionError(e);
  }
}
