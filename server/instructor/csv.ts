/**
 * RFC 4180 CSV: fields holding a comma, a quote, CR or LF are quoted, quotes doubled, lines end
 * with CRLF. Text cells starting with = + - @ (or a tab/CR) get a leading `'` so a spreadsheet
 * does not run them as formulas (OWASP "CSV injection"); numbers are written as they are.
 */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: (string | number | boolean | null | undefined)[][]): string {
  return rows.map((r) => r.map(csvField).join(",")).join("\r\n") + "\r\n";
}

/** A file name fit for Content-Disposition: the cohort name reduced to safe characters. */
export function csvFileName(cohortName: string, what: string): string {
  const base =
    cohortName
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 40) || "cohort";
  return `${base}-${what}.csv`;
}
