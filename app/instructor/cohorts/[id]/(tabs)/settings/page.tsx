import { headers } from "next/headers";
import { pageRole } from "@/app/_lib/session";
import { orNotFound } from "@/app/instructor/_lib/or-not-found";
import { getCohortRoster } from "@/server/cohorts/get-cohort-roster";
import { Role } from "@/server/db";
import { ActionForm } from "@/app/instructor/_components/action-form";
import { LocalTime } from "@/app/instructor/_components/local-time";
import {
  addCoInstructorAction,
  removeCoInstructorAction,
  removeStudentAction,
  renameCohortAction,
  rotateJoinCodeAction,
  setArchivedAction,
} from "../../actions";

export const metadata = { title: "Roster and settings" };
export const dynamic = "force-dynamic";

async function origin(): Promise<string> {
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost";
  const proto =
    h.get("x-forwarded-proto") ?? (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
  return `${proto}://${host}`;
}

export default async function SettingsPage({ params }: PageProps<"/instructor/cohorts/[id]/settings">) {
  const user = await pageRole(Role.INSTRUCTOR);
  const { id } = await params;
  const { cohort, instructors, students } = await orNotFound(getCohortRoster(user, id));
  const joinLink = `${await origin()}/join/${cohort.joinCode}`;
  const hidden = { cohortId: cohort.id };
  return (
    <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
      <section aria-labelledby="join-heading" className="card min-w-0 p-6">
        <h2 id="join-heading" className="text-lg font-semibold">
          Join code and link
        </h2>
        {cohort.archived ? (
          <p className="mt-1 text-sm text-amber-800">
            This cohort is archived: the code and link do not work until you restore it.
          </p>
        ) : (
          <p className="mt-1 text-sm text-muted">
            Signed-in students join with one click on the link, or type the code in their profile.
          </p>
        )}
        <dl className="mt-4 space-y-3 text-sm">
          <div>
            <dt className="label">Join code</dt>
            <dd className="mt-1 font-mono text-2xl font-bold tracking-widest" data-testid="join-code">
              {cohort.joinCode}
            </dd>
          </div>
          <div>
            <dt className="label">
              <label htmlFor="join-link">Join link</label>
            </dt>
            <dd className="mt-1">
              <input id="join-link" readOnly value={joinLink} className="input font-mono text-xs" />
            </dd>
          </div>
        </dl>
        <ActionForm
          action={rotateJoinCodeAction}
          hidden={hidden}
          submitLabel="Rotate the join code"
          pendingLabel="Rotating…"
          confirm="The current code and link stop working. Rotate?"
          className="mt-4 flex flex-wrap items-center gap-3"
        />
      </section>

      <section aria-labelledby="cohort-settings-heading" className="card min-w-0 p-6">
        <h2 id="cohort-settings-heading" className="text-lg font-semibold">
          Cohort
        </h2>
        <ActionForm
          action={renameCohortAction}
          hidden={hidden}
          submitLabel="Rename"
          pendingLabel="Saving…"
          className="mt-4 flex flex-wrap items-end gap-3"
        >
          <div className="min-w-0 flex-1 space-y-1.5">
            <label htmlFor="rename-cohort" className="label">
              Cohort name
            </label>
            <input
              id="rename-cohort"
              name="name"
              defaultValue={cohort.name}
              required
              maxLength={80}
              className="input"
            />
          </div>
        </ActionForm>
        <div className="mt-6 border-t border-line pt-4">
          <p className="text-sm text-muted">
            {cohort.archived
              ? "Archived: hidden from students' cohort lists, no new students, its assignments no longer count."
              : "Archive a cohort at the end of term: students keep their scores, the cohort takes no new students."}
          </p>
          <ActionForm
            action={setArchivedAction}
            hidden={{ ...hidden, archived: cohort.archived ? "false" : "true" }}
            submitLabel={cohort.archived ? "Restore the cohort" : "Archive the cohort"}
            className="mt-3 flex flex-wrap items-center gap-3"
          />
        </div>
      </section>

      <section aria-labelledby="roster-heading" className="card min-w-0 p-6 lg:col-span-2">
        <h2 id="roster-heading" className="text-lg font-semibold">
          Students ({students.length})
        </h2>
        {students.length === 0 ? (
          <p className="mt-2 text-sm text-muted">No student has joined yet: share the join link.</p>
        ) : (
          <div className="relative mt-4 overflow-x-auto rounded-md border border-line">
            <table className="w-full text-sm">
              <caption className="sr-only">Students of the cohort</caption>
              <thead className="border-b border-line bg-slate-50 text-left text-xs tracking-wide text-muted uppercase">
                <tr>
                  <th scope="col" className="px-4 py-2">
                    Name
                  </th>
                  <th scope="col" className="px-4 py-2">
                    Email
                  </th>
                  <th scope="col" className="px-4 py-2">
                    Joined
                  </th>
                  <th scope="col" className="px-4 py-2">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {students.map((s) => (
                  <tr key={s.userId} className="border-b border-line last:border-0">
                    <td className="px-4 py-2 font-medium">{s.name}</td>
                    <td className="px-4 py-2 text-muted">{s.email}</td>
                    <td className="px-4 py-2 whitespace-nowrap text-muted">
                      <LocalTime iso={s.joinedAt.toISOString()} />
                    </td>
                    <td className="px-4 py-2 text-right">
                      <ActionForm
                        action={removeStudentAction}
                        hidden={{ ...hidden, userId: s.userId }}
                        submitLabel="Remove"
                        pendingLabel="Removing…"
                        buttonClass="btn-secondary px-3 py-1.5 text-red-700"
                        buttonAriaLabel={`Remove ${s.name} from the cohort`}
                        confirm={`Remove ${s.name} from ${cohort.name}? Their submissions are kept.`}
                        className="flex flex-wrap justify-end gap-2"
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="instructors-heading" className="card min-w-0 p-6 lg:col-span-2">
        <h2 id="instructors-heading" className="text-lg font-semibold">
          Instructors
        </h2>
        <ul className="mt-3 divide-y divide-line">
          {instructors.map((i) => (
            <li key={i.userId} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
              <span className="min-w-0 break-words">
                <span className="font-medium">{i.name}</span> <span className="text-muted">{i.email}</span>
                {i.userId === user.id && <span className="ml-1 text-xs text-muted">(you)</span>}
              </span>
              {instructors.length > 1 && (
                <ActionForm
                  action={removeCoInstructorAction}
                  hidden={{ ...hidden, userId: i.userId }}
                  submitLabel="Remove"
                  buttonClass="btn-ghost px-3 py-1.5 text-red-700"
                  buttonAriaLabel={`Remove instructor ${i.name}`}
                  confirm={`Remove ${i.name} as an instructor of ${cohort.name}?`}
                  className="flex flex-wrap justify-end gap-2"
                />
              )}
            </li>
          ))}
        </ul>
        <ActionForm
          action={addCoInstructorAction}
          hidden={hidden}
          submitLabel="Add instructor"
          pendingLabel="Adding…"
          className="mt-4 flex flex-wrap items-end gap-3"
        >
          <div className="min-w-0 flex-1 space-y-1.5">
            <label htmlFor="co-instructor-email" className="label">
              Co-instructor email
            </label>
            <input
              id="co-instructor-email"
              name="email"
              type="email"
              required
              autoComplete="off"
              placeholder="colleague@example.edu"
              className="input"
            />
          </div>
        </ActionForm>
      </section>
    </div>
  );
}
