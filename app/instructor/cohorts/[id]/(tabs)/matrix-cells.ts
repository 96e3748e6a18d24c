// One student's matrix cells as one string, for the page to hand to the client table: 200 strings
// in the RSC payload instead of 8,000 arrays (React serializes every value one by one).
// A cell is "" when not started (nothing attempted, late or pending), else
// "bestScore,attempts,solvedAt,late,pending" (bestScore and solvedAt empty when absent; solvedAt ISO).

/** A decoded cell: 0 when not started, else the numbers (solvedAt: ISO string). */
export type TCompactCell =
  0 | [bestScore: number | null, attempts: number, solvedAt: string | null, late: 0 | 1, pending: number];

export function encodeCells(cells: TCompactCell[]): string {
  return cells.map((c) => (c === 0 ? "" : `${c[0] ?? ""},${c[1]},${c[2] ?? ""},${c[3]},${c[4]}`)).join("|");
}

export function decodeCells(encoded: string): TCompactCell[] {
  return encoded.split("|").map((s) => {
    if (s === "") return 0;
    const [best, attempts, solvedAt, late, pending] = s.split(",");
    return [best ? Number(best) : null, Number(attempts), solvedAt || null, late === "1" ? 1 : 0, Number(pending)];
  });
}
