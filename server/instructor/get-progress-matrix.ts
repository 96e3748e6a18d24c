import { z } from "zod";
import { db, CohortRole, Prisma } from "../db";
import type { TActor } from "../authz";
import { requireTaughtCohort, type TTaughtCohort } from "../cohorts/cohort-access";

export const CELL_STATUSES = ["solved", "attempted", "not-started", "late"] as const;
export type TCellStatus = (typeof CELL_STATUSES)[number];

/** Matrix view options as they arrive in the URL; anything unknown falls back to the default. */
export const ZMatrixQuery = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  status: z.enum(CELL_STATUSES).optional().catch(undefined),
  /** limit the status filter to one challenge column (slug) */
  challenge: z
    .string()
    .max(100)
    .regex(/^[a-z0-9-]+$/)
    .optional()
    .catch(undefined),
  /** "name", "points", "solved", or a challenge slug (by best score) */
  sort: z
    .string()
    .max(100)
    .regex(/^[a-z0-9-]+$/)
    .optional()
    .catch(undefined),
  dir: z.enum(["asc", "desc"]).optional().catch(undefined),
});
export type TMatrixQuery = z.infer<typeof ZMatrixQuery>;

export type TMatrixColumn = {
  assignmentId: string;
  challengeId: string;
  slug: string;
  title: string;
  points: number;
  dueAt: Date | null;
};

export type TMatrixCell = {
  bestScore: number | null;
  bestPoints: number;
  /** gradable attempts (BestScore.attempts) */
  attempts: number;
  solvedAt: Date | null;
  /** a submission for this cohort was made after the (extended) due date */
  isLate: boolean;
  /** submissions still queued or running */
  pending: number;
};

export type TMatrixRow = {
  userId: string;
  name: string;
  email: string;
  cells: TMatrixCell[];
  totalPoints: number;
  solved: number;
};

export type TProgressMatrix = {
  cohort: TTaughtCohort;
  columns: TMatrixColumn[];
  /** the rows left after filtering, sorted */
  rows: TMatrixRow[];
  /** every student, before filtering */
  studentCount: number;
  /** per column, over every student: how many solved / attempted, mean best score, attempts */
  columnTotals: { solved: number; attempted: number; meanScore: number; attempts: number }[];
  maxPoints: number;
  query: TMatrixQuery;
};

const EMPTY: TMatrixCell = { bestScore: null, bestPoints: 0, attempts: 0, solvedAt: null, isLate: false, pending: 0 };

export function cellStatus(c: TMatrixCell): Exclude<TCellStatus, "late"> {
  return c.solvedAt ? "solved" : c.attempts > 0 || c.bestScore !== null ? "attempted" : "not-started";
}

type TRawCell = {
  userId: string;
  challengeId: string;
  bestScore: number | null;
  bestPoints: number | null;
  attempts: number | null;
  solvedAt: Date | null;
  late: boolean | null;
  pending: bigint | null;
};

/**
 * Students x assigned challenges. Three queries whatever the size: the students, the assignments,
 * and one for every cell: BestScore, joined with the cohort's late or still pending submissions,
 * read from the (cohortId, challengeId, userId, late, status) index alone (no table access, see
 * bench:web). Cells with cohort submissions that are neither late nor pending need no row there:
 * they come out the same as cells without one.
 */
export async function getProgressMatrix(
  actor: TActor,
  cohortId: unknown,
  rawQuery: unknown = {},
): Promise<TProgressMatrix> {
  const { cohort } = await requireTaughtCohort(actor, cohortId);
  const query = ZMatrixQuery.parse(rawQuery ?? {});
  const [students, assignments, cells] = await Promise.all([
    db().membership.findMany({
      where: { cohortId: cohort.id, role: CohortRole.STUDENT },
      select: { user: { select: { id: true, name: true, email: true } } },
    }),
    db().assignment.findMany({
      where: { cohortId: cohort.id },
      orderBy: [{ dueAt: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }],
      select: { id: true, dueAt: true, challenge: { select: { id: true, slug: true, title: true, points: true } } },
    }),
    db().$queryRaw<TRawCell[]>(Prisma.sql`
      WITH st AS (SELECT "userId" FROM "Membership" WHERE "cohortId" = ${cohort.id}::uuid AND role = 'STUDENT'),
           asg AS (SELECT "challengeId" FROM "Assignment" WHERE "cohortId" = ${cohort.id}::uuid),
           b AS (
             SELECT b."userId", b."challengeId", b."bestScore", b."bestPoints", b.attempts, b."solvedAt"
             FROM "BestScore" b JOIN st USING ("userId") JOIN asg USING ("challengeId")),
           l AS (
             SELECT s."userId", s."challengeId", bool_or(s.late) AS late,
                    COUNT(*) FILTER (WHERE s.status IN ('QUEUED', 'RUNNING')) AS pending
             FROM "Submission" s
             WHERE s."cohortId" = ${cohort.id}::uuid AND s."challengeId" IN (SELECT "challengeId" FROM asg)
               AND s."userId" IN (SELECT "userId" FROM st) AND (s.late OR s.status IN ('QUEUED', 'RUNNING'))
             GROUP BY s."userId", s."challengeId")
      SELECT COALESCE(b."userId", l."userId") AS "userId", COALESCE(b."challengeId", l."challengeId") AS "challengeId",
             b."bestScore", b."bestPoints", b.attempts, b."solvedAt", l.late, l.pending
      FROM b FULL JOIN l ON l."userId" = b."userId" AND l."challengeId" = b."challengeId"`),
  ]);

  const columns: TMatrixColumn[] = assignments.map((a) => ({
    assignmentId: a.id,
    challengeId: a.challenge.id,
    slug: a.challenge.slug,
    title: a.challenge.title,
    points: a.challenge.points,
    dueAt: a.dueAt,
  }));
  const colIndex = new Map(columns.map((c, i) => [c.challengeId, i]));
  const byUser = new Map<string, TMatrixCell[]>();
  for (const s of students)
    byUser.set(
      s.user.id,
      columns.map(() => EMPTY),
    );
  for (const r of cells) {
    const row = byUser.get(r.userId);
    const i = colIndex.get(r.challengeId);
    if (!row || i === undefined) continue;
    row[i] = {
      bestScore: r.bestScore === null ? null : Number(r.bestScore),
      bestPoints: Number(r.bestPoints ?? 0),
      attempts: Number(r.attempts ?? 0),
      solvedAt: r.solvedAt,
      isLate: !!r.late,
      pending: Number(r.pending ?? 0),
    };
  }
  const allRows: TMatrixRow[] = students.map((s) => {
    const rowCells = byUser.get(s.user.id)!;
    return {
      userId: s.user.id,
      name: s.user.name,
      email: s.user.email,
      cells: rowCells,
      totalPoints: Math.round(rowCells.reduce((n, c) => n + c.bestPoints, 0) * 100) / 100,
      solved: rowCells.filter((c) => c.solvedAt).length,
    };
  });

  const columnTotals = columns.map((_, i) => {
    const col = allRows.map((r) => r.cells[i]);
    const scored = col.filter((c) => c.bestScore !== null);
    return {
      solved: col.filter((c) => c.solvedAt).length,
      attempted: col.filter((c) => cellStatus(c) !== "not-started").length,
      meanScore: allRows.length ? col.reduce((n, c) => n + (c.bestScore ?? 0), 0) / allRows.length : 0,
      attempts: scored.reduce((n, c) => n + c.attempts, 0),
    };
  });

  const q = query.q?.toLowerCase();
  const only = query.challenge
    ? colIndex.get(columns.find((c) => c.slug === query.challenge)?.challengeId ?? "")
    : undefined;
  const matches = (c: TMatrixCell) => (query.status === "late" ? c.isLate : cellStatus(c) === query.status);
  const rows = allRows
    .filter((r) => !q || r.name.toLowerCase().includes(q) || r.email.includes(q))
    .filter((r) => !query.status || (only !== undefined ? matches(r.cells[only]) : r.cells.some(matches)));

  const sortCol = columns.findIndex((c) => c.slug === query.sort);
  const dir = query.dir === "desc" ? -1 : 1;
  const byName = (a: TMatrixRow, b: TMatrixRow) =>
    a.name.localeCompare(b.name, "en") || a.userId.localeCompare(b.userId);
  rows.sort((a, b) => {
    let d = 0;
    if (query.sort === "points") d = a.totalPoints - b.totalPoints;
    else if (query.sort === "solved") d = a.solved - b.solved;
    else if (sortCol >= 0) d = (a.cells[sortCol].bestScore ?? -1) - (b.cells[sortCol].bestScore ?? -1);
    return d !== 0 ? d * dir : byName(a, b) * (query.sort && query.sort !== "name" ? 1 : dir);
  });

  return {
    cohort,
    columns,
    rows,
    studentCount: allRows.length,
    columnTotals,
    maxPoints: columns.reduce((n, c) => n + c.points, 0),
    query,
  };
}
