"use server";
// Every action re-checks on the server: each use case starts with requireTaughtCohort.
import { revalidatePath } from "next/cache";
import { currentUser } from "@/app/_lib/session";
import { actionError, formOf, type TActionResult } from "@/app/_lib/action-result";
import { renameCohort } from "@/server/cohorts/rename-cohort";
import { setCohortArchived } from "@/server/cohorts/set-cohort-archived";
import { rotateJoinCode } from "@/server/cohorts/rotate-join-code";
import { removeStudent } from "@/server/cohorts/remove-student";
import { addCoInstructor } from "@/server/cohorts/add-co-instructor";
import { removeCoInstructor } from "@/server/cohorts/remove-co-instructor";
import { createAssignments } from "@/server/instructor/create-assignments";
import { updateAssignment } from "@/server/instructor/update-assignment";
import { removeAssignment } from "@/server/instructor/remove-assignment";
import { setExtension } from "@/server/instructor/set-extension";
import { removeExtension } from "@/server/instructor/remove-extension";

type TState = TActionResult | null;

async function run(f: FormData, work: () => Promise<string>): Promise<TActionResult> {
  try {
    const cohortId = formOf(f).get("cohortId");
    const message = await work();
    revalidatePath(`/instructor/cohorts/${cohortId}`, "layout");
    revalidatePath("/instructor");
    return { ok: true, message };
  } catch (e) {
    return actionError(e);
  }
}

export async function renameCohortAction(_p: TState, f: FormData) {
  return run(f, async () => {
    await renameCohort(await currentUser(), f.get("cohortId"), { name: f.get("name") });
    return "cohort renamed";
  });
}

export async function setArchivedAction(_p: TState, f: FormData) {
  return run(f, async () => {
    const isArchived = f.get("archived") === "true";
    await setCohortArchived(await currentUser(), f.get("cohortId"), isArchived);
    return isArchived ? "cohort archived: it takes no new students" : "cohort restored";
  });
}

export async function rotateJoinCodeAction(_p: TState, f: FormData) {
  return run(f, async () => {
    const { joinCode } = await rotateJoinCode(await currentUser(), f.get("cohortId"));
    return `new join code ${joinCode}: the old code and link no longer work`;
  });
}

export async function removeStudentAction(_p: TState, f: FormData) {
  return run(f, async () => {
    await removeStudent(await currentUser(), f.get("cohortId"), f.get("userId"));
    return "student removed from the cohort";
  });
}

export async function addCoInstructorAction(_p: TState, f: FormData) {
  return run(f, async () => {
    const { name } = await addCoInstructor(await currentUser(), f.get("cohortId"), { email: f.get("email") });
    return `${name} now teaches this cohort`;
  });
}

export async function removeCoInstructorAction(_p: TState, f: FormData) {
  return run(f, async () => {
    await removeCoInstructor(await currentUser(), f.get("cohortId"), f.get("userId"));
    return "instructor removed";
  });
}

export async function createAssignmentsAction(_p: TState, f: FormData) {
  return run(f, async () => {
    const { created } = await createAssignments(await currentUser(), f.get("cohortId"), {
      slugs: f.getAll("slugs"),
      opensAt: f.get("opensAt") ?? undefined,
      dueAt: f.get("dueAt") ?? undefined,
      tzOffset: f.get("tzOffset"),
    });
    return created === 1 ? "1 challenge assigned" : `${created} challenges assigned`;
  });
}

export async function updateAssignmentAction(_p: TState, f: FormData) {
  return run(f, async () => {
    await updateAssignment(await currentUser(), f.get("cohortId"), f.get("assignmentId"), {
      opensAt: f.get("opensAt") ?? undefined,
      dueAt: f.get("dueAt") ?? undefined,
      tzOffset: f.get("tzOffset"),
    });
    return "dates saved";
  });
}

export async function removeAssignmentAction(_p: TState, f: FormData) {
  return run(f, async () => {
    await removeAssignment(await currentUser(), f.get("cohortId"), f.get("assignmentId"));
    return "assignment removed";
  });
}

export async function setExtensionAction(_p: TState, f: FormData) {
  return run(f, async () => {
    await setExtension(await currentUser(), f.get("cohortId"), f.get("assignmentId"), {
      userId: f.get("userId"),
      dueAt: f.get("dueAt"),
      tzOffset: f.get("tzOffset"),
    });
    return "extension saved";
  });
}

export async function removeExtensionAction(_p: TState, f: FormData) {
  return run(f, async () => {
    await removeExtension(await currentUser(), f.get("cohortId"), f.get("assignmentId"), f.get("userId"));
    return "extension removed";
  });
}
