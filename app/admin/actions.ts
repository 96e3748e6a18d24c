"use server";
import { revalidatePath } from "next/cache";
import { currentUser } from "@/app/_lib/session";
import { actionError, formOf, type TActionResult } from "@/app/_lib/action-result";
import { setUserRole } from "@/server/admin/set-user-role";
import { setUserDisabled } from "@/server/admin/set-user-disabled";
import { syncChallengesNow } from "@/server/admin/sync-challenges-now";
import { retryFailedJob } from "@/server/admin/retry-failed-job";
import type { TSyncSummary } from "@/server/challenges/sync-challenges";

// Every action loads the actor fresh and the use case re-checks requireAdmin: a hidden button is no guard.

export async function setRoleAction(_prev: TActionResult | null, form: FormData): Promise<TActionResult> {
  try {
    const res = await setUserRole(await currentUser(), {
      userId: formOf(form).get("userId"),
      role: formOf(form).get("role"),
    });
    revalidatePath("/admin");
    return { ok: true, message: `${res.email} is now ${res.role.toLowerCase()}` };
  } catch (e) {
    return actionError(e);
  }
}

export async function setDisabledAction(_prev: TActionResult | null, form: FormData): Promise<TActionResult> {
  try {
    const res = await setUserDisabled(await currentUser(), {
      userId: formOf(form).get("userId"),
      disabled: formOf(form).get("disabled") === "true",
    });
    revalidatePath("/admin");
    return { ok: true, message: res.disabled ? `${res.email} is disabled` : `${res.email} is active again` };
  } catch (e) {
    return actionError(e);
  }
}

export async function syncChallengesAction(
  _prev: TActionResult<TSyncSummary> | null,
  _form: FormData,
): Promise<TActionResult<TSyncSummary>> {
  try {
    const summary = await syncChallengesNow(await currentUser());
    revalidatePath("/admin/challenges");
    revalidatePath("/challenges");
    return { ok: true, data: summary, message: "sync finished" };
  } catch (e) {
    return actionError(e);
  }
}

export async function retryJobAction(_prev: TActionResult | null, form: FormData): Promise<TActionResult> {
  try {
    await retryFailedJob(await currentUser(), formOf(form).get("jobId"));
    revalidatePath("/admin/queue");
    return { ok: true, message: "job queued again" };
  } catch (e) {
    return actionError(e);
  }
}
