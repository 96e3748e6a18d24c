import type { TActor } from "../authz";
import { csvFileName, toCsv } from "./csv";
import { getProgressMatrix } from "./get-progress-matrix";

/**
 * The gradebook: one row per student (by name), one column per assignment with the best points,
 * then the total and the number solved. Same numbers as the progress matrix (it is built from it).
 */
export async function exportGradebook(actor: TActor, cohortId: unknown): Promise<{ fileName: string; csv: string }> {
  const m = await getProgressMatrix(actor, cohortId, {});
  const header = ["Student", "Email", ...m.columns.map((c) => `${c.title} (${c.points} pt)`), "Total points", "Solved"];
  const rows = m.rows.map((r) => [
    r.name,
    r.email,
    ...r.cells.map((c) => round(c.bestPoints)),
    round(r.totalPoints),
    r.solved,
  ]);
  return { fileName: csvFileName(m.cohort.name, "gradebook"), csv: toCsv([header, ...rows]) };
}

const round = (n: number) => Math.round(n * 100) / 100;
