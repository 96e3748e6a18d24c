/** A plain GET form: works without JavaScript and keeps the choice in the URL. */
export function CohortPicker({
  action,
  cohorts,
  current,
  allLabel,
}: {
  action: string;
  cohorts: { id: string; name: string; archived: boolean }[];
  current: string | null;
  allLabel?: string;
}) {
  return (
    <form action={action} className="flex flex-col gap-2 sm:flex-row sm:items-end">
      <div className="min-w-0 sm:w-72">
        <label htmlFor="cohort" className="label">
          Cohort
        </label>
        <select id="cohort" name="cohort" defaultValue={current ?? ""} className="input mt-1.5">
          {allLabel && <option value="">{allLabel}</option>}
          {cohorts.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
              {c.archived ? " (archived)" : ""}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="btn-secondary">
        Show
      </button>
    </form>
  );
}
