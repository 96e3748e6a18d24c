import { randomBytes } from "node:crypto";
import { z } from "zod";
import { db, type SubmissionStatus } from "../db";
import { env } from "../env";
import { AppError } from "../errors";
import { requireUser, type TActor } from "../authz";
import { consume } from "../rate-limit";
import { enqueueGrade } from "../queue/producer";

/** The largest answer accepted: 64 KB of UTF-8 (AWS's largest policy, a KMS key policy, is 32 KB). */
export const MAX_ANSWER_BYTES = 64 * 1024;

export const ZSubmitInput = z.object({
  challenge: z
    .string()
    .trim()
    .min(1, "name the challenge by its slug")
    .max(100)
    .regex(/^[a-z0-9-]+$/, "a challenge slug has lowercase letters, digits and dashes"),
  answer: z.string({ error: "the answer must be text" }),
});

/** Rate limit per user: a burst (default 5 in 5 s) and a rate (default 20 a minute). */
const limits = () => [
  { name: "submit-burst", points: env().SUBMIT_BURST, durationSec: 5 },
  { name: "submit-minute", points: env().SUBMIT_PER_MINUTE, durationSec: 60 },
];

export type TCreatedSubmission = { id: string; status: SubmissionStatus; isDuplicate: boolean };

type TTarget = {
  id: string;
  retiredAt: Date | null;
  currentVersionId: string | null;
  cohortId: string | null;
  dueAt: Date | null;
  extensionDueAt: Date | null;
};

/** A version-7 UUID (time-ordered), as Prisma's `@default(uuid(7))` makes for rows it creates. */
function uuidv7(): string {
  const b = randomBytes(16);
  let ms = Date.now();
  for (let i = 5; i >= 0; i--) {
    b[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  b[6] = (b[6] & 0x0f) | 0x70;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * Records a submission (QUEUED) and enqueues its grading. The row is written first: if Redis is
 * down the worker's sweep enqueues it later. A double click (the same answer again while the first
 * is still waiting, or within 10 s) returns the first submission instead of grading twice.
 */
export async function createSubmission(actor: TActor, input: unknown): Promise<TCreatedSubmission> {
  const user = requireUser(actor);
  const parsed = ZSubmitInput.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError(
      "invalid-input",
      issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message,
    );
  }
  const { challenge: slug, answer } = parsed.data;
  if (Buffer.byteLength(answer, "utf8") > MAX_ANSWER_BYTES) {
    throw new AppError("too-large", `the answer is larger than ${MAX_ANSWER_BYTES / 1024} KB`);
  }
  if (answer.includes("\u0000")) throw new AppError("invalid-input", "the answer contains a NUL character");

  // The challenge and the caller's earliest-due open assignment of it (with their extension), in
  // one round trip.
  const now = new Date();
  const [target] = await db().$queryRaw<TTarget[]>`
    SELECT c.id, c."retiredAt", c."currentVersionId", a."cohortId", a."dueAt", e."dueAt" AS "extensionDueAt"
    FROM "Challenge" c
    LEFT JOIN LATERAL (
      SELECT a.id, a."cohortId", a."dueAt" FROM "Assignment" a JOIN "Cohort" co ON co.id = a."cohortId"
      WHERE a."challengeId" = c.id AND a."opensAt" <= ${now} AND NOT co.archived
        AND EXISTS (SELECT 1 FROM "Membership" m WHERE m."cohortId" = a."cohortId" AND m."userId" = ${user.id}::uuid AND m.role = 'STUDENT')
      ORDER BY a."dueAt" ASC NULLS LAST LIMIT 1
    ) a ON true
    LEFT JOIN "AssignmentExtension" e ON e."assignmentId" = a.id AND e."userId" = ${user.id}::uuid
    WHERE c.slug = ${slug}`;
  if (!target || target.retiredAt || !target.currentVersionId)
    throw new AppError("not-found", `no challenge \`${slug}\``);

  for (const l of limits()) await consume(l.name, user.id, l.points, l.durationSec);

  const dueAt = target.extensionDueAt ?? target.dueAt ?? null;
  const late = !!dueAt && now > dueAt;
  const challengeId = target.id;
  const versionId = target.currentVersionId;
  const queuedAt = new Date();

  // Serialise submits of one user on one challenge (so a double click cannot slip past the check),
  // then in one statement: the same answer still waiting or under 10 s old, else a new QUEUED row.
  const [, [created]] = await db().$transaction(
    [
      db().$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`${user.id}:${challengeId}`}))`,
      db().$queryRaw<TCreatedSubmission[]>`
      WITH duplicate AS (
        SELECT id, status FROM "Submission"
        WHERE "userId" = ${user.id}::uuid AND "challengeId" = ${challengeId}::uuid AND "challengeVersionId" = ${versionId}::uuid
          AND answer = ${answer} AND (status IN ('QUEUED', 'RUNNING') OR "queuedAt" > ${new Date(now.getTime() - 10_000)})
        ORDER BY "queuedAt" DESC LIMIT 1
      ), inserted AS (
        INSERT INTO "Submission" (id, "userId", "challengeId", "challengeVersionId", "cohortId", answer, late, "queuedAt")
        SELECT ${uuidv7()}::uuid, ${user.id}::uuid, ${challengeId}::uuid, ${versionId}::uuid, ${target.cohortId}::uuid, ${answer}, ${late}, ${queuedAt}
        WHERE NOT EXISTS (SELECT 1 FROM duplicate)
        RETURNING id, status
      )
      SELECT id, status::text AS status, false AS "isDuplicate" FROM inserted
      UNION ALL SELECT id, status::text, true FROM duplicate`,
    ],
    { maxWait: 10_000, timeout: 15_000 },
  );
  if (!created.isDuplicate) await enqueueGrade(created.id);
  return created;
}
