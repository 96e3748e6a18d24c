import Link from "next/link";
import { pageRole } from "@/app/_lib/session";
import { orNotFound } from "@/app/instructor/_lib/or-not-found";
import { listAssignments } from "@/server/instructor/list-assignments";
import { Role } from "@/server/db";
import { Badge, EmptyState } from "@/app/_components/ui";
import { ActionForm } from "@/app/instructor/_components/action-form";
import { LocalTime } from "@/app/instructor/_components/local-time";
import { DateTimeInput, TzOffsetInput } from "@/app/instructor/_components/date-time-input";
import {
  createAssignmentsAction,
  removeAssignmentAction,
  removeExtensionAction,
  setExtensionAction,
  updateAssignmentAction,
} from "../../actions";

export const metadata = { title: "Assignments" };
export const dynamic = "force-dynamic";

export default async function AssignmentsPage({ params }: PageProps<"/instructor/cohorts/[id]/assignments">) {
  const user = await pageRole(Role.INSTRUCTOR);
  const { id } = await params;
  const { cohort, assignments, available, students } = await orNotFound(listAssignments(user, id));
  const hidden = { cohortId: cohort.id };
  const domains = [...new Set(available.map((c) => c.domain))];
  return (
    <div className="grid grid-cols-1 gap-6 lg:grid-cols-[3fr_2fr]">
      <section aria-labelledby="assigned-heading" className="min-w-0 space-y-4">
        <h2 id="assigned-heading" className="text-lg font-semibold">
          Assigned ({assignments.length})
        </h2>
        {assignments.length === 0 ? (
          <EmptyState title="No challenge assigned yet">
            Choose challenges from the catalogue: students of this cohort see them first, with their due dates.
          </EmptyState>
        ) : (
          <ul className="space-y-4" aria-label="Assignments">
            {assignments.map((a) => (
              <li key={a.id} className="card min-w-0 p-5" aria-label={a.title}>
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <div className="min-w-0">
                    <h3 className="font-semibold break-words">
                      <Link href={`/challenges/${a.slug}`} className="text-ink hover:text-brand-700">
                        {a.title}
                      </Link>
                    </h3>
                    <p className="text-xs text-muted">
                      {a.points} pt · opens <LocalTime iso={a.opensAt.toISOString()} /> ·{" "}
                      {a.dueAt ? (
                        <>
                          due <LocalTime iso={a.dueAt.toISOString()} />
                        </>
                      ) : (
                        "no due date"
                      )}
                    </p>
                  </div>
                  {a.isRetired && <Badge tone="warning">retired challenge</Badge>}
                </div>
                <details className="mt-3">
                  <summary className="cursor-pointer text-sm font-semibold text-brand-700">Edit dates</summary>
                  <ActionForm
                    action={updateAssignmentAction}
                    hidden={{ ...hidden, assignmentId: a.id }}
                    submitLabel="Save dates"
                    pendingLabel="Saving…"
                    className="mt-3 grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end"
                  >
                    <TzOffsetInput />
                    <DateTimeInput
                      id={`opens-${a.id}`}
                      name="opensAt"
                      label="Opens"
                      iso={a.opensAt.toISOString()}
                      required
                    />
                    <DateTimeInput
                      id={`due-${a.id}`}
                      name="dueAt"
                      label="Due (empty: none)"
                      iso={a.dueAt?.toISOString() ?? null}
                    />
                  </ActionForm>
                </details>
                <div className="mt-3">
                  <h4 className="text-sm font-semibold">Extensions</h4>
                  {a.extensions.length === 0 ? (
                    <p className="text-sm text-muted">None: every student has the same due date.</p>
                  ) : (
                    <ul className="mt-1 divide-y divide-line text-sm">
                      {a.extensions.map((e) => (
                        <li key={e.userId} className="flex flex-wrap items-center justify-between gap-2 py-1.5">
                          <span>
                            {e.name}: due <LocalTime iso={e.dueAt.toISOString()} />
                          </span>
                          <ActionForm
                            action={removeExtensionAction}
                            hidden={{ ...hidden, assignmentId: a.id, userId: e.userId }}
                            submitLabel="Remove"
                            buttonClass="btn-ghost px-2 py-1 text-red-700"
                            buttonAriaLabel={`Remove the extension of ${e.name} on ${a.title}`}
                            className="flex flex-wrap justify-end gap-2"
                          />
                        </li>
                      ))}
                    </ul>
                  )}
                  {students.length > 0 && (
                    <details className="mt-2">
                      <summary className="cursor-pointer text-sm font-semibold text-brand-700">
                        Give a student more time
                      </summary>
                      <ActionForm
                        action={setExtensionAction}
                        hidden={{ ...hidden, assignmentId: a.id }}
                        submitLabel="Save extension"
                        pendingLabel="Saving…"
                        className="mt-3 grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end"
                      >
                        <TzOffsetInput />
                        <div className="space-y-1.5">
                          <label htmlFor={`ext-student-${a.id}`} className="label">
                            Student
                          </label>
                          <select id={`ext-student-${a.id}`} name="userId" required className="input">
                            {students.map((s) => (
                              <option key={s.userId} value={s.userId}>
                                {s.name}
                              </option>
                            ))}
                          </select>
                        </div>
                        <DateTimeInput id={`ext-due-${a.id}`} name="dueAt" label="New due date" iso={null} required />
                      </ActionForm>
                    </details>
                  )}
                </div>
                <ActionForm
                  action={removeAssignmentAction}
                  hidden={{ ...hidden, assignmentId: a.id }}
                  submitLabel="Unassign"
                  pendingLabel="Removing…"
                  buttonClass="btn-ghost px-3 py-1.5 text-red-700"
                  buttonAriaLabel={`Unassign ${a.title}`}
                  confirm={`Unassign ${a.title}? Students keep their submissions.`}
                  className="mt-3 flex flex-wrap justify-end gap-2 border-t border-line pt-3"
                />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="assign-heading" className="card h-fit min-w-0 p-5">
        <h2 id="assign-heading" className="text-lg font-semibold">
          Assign challenges
        </h2>
        {available.length === 0 ? (
          <p className="mt-2 text-sm text-muted">Every live challenge is already assigned to this cohort.</p>
        ) : (
          <ActionForm
            action={createAssignmentsAction}
            hidden={hidden}
            submitLabel="Assign"
            pendingLabel="Assigning…"
            buttonClass="btn-primary"
            className="mt-3 space-y-4"
          >
            <TzOffsetInput />
            <fieldset>
              <legend className="label">Challenges</legend>
              <div className="mt-2 max-h-80 space-y-3 overflow-y-auto rounded-md border border-line p-3">
                {domains.map((d) => (
                  <div key={d}>
                    <p className="text-xs font-semibold tracking-wide text-muted uppercase">{d}</p>
                    <ul className="mt-1 space-y-1">
                      {available
                        .filter((c) => c.domain === d)
                        .map((c) => (
                          <li key={c.slug}>
                            <label className="flex items-start gap-2 text-sm">
                              <input type="checkbox" name="slugs" value={c.slug} className="mt-1" />
                              <span className="min-w-0 break-words">
                                {c.title}{" "}
                                <span className="text-xs text-muted">
                                  · level {c.difficulty} · {c.points} pt
                                </span>
                              </span>
                            </label>
                          </li>
                        ))}
                    </ul>
                  </div>
                ))}
              </div>
            </fieldset>
            <DateTimeInput id="assign-opens" name="opensAt" label="Opens (empty: now)" iso={null} />
            <DateTimeInput id="assign-due" name="dueAt" label="Due (empty: no due date)" iso={null} />
          </ActionForm>
        )}
      </section>
    </div>
  );
}
