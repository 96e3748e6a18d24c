import { z } from "zod";
import { db, SubmissionStatus } from "../db";
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

  const challenge = await db().challenge.findUnique({
    where: { slug },
    select: { id: true, retiredAt: true, currentVersionId: true },
  });
  if (!challenge || challenge.retiredAt || !challenge.currentVersionId)
    throw new AppError("not-found", `no challenge \`${slug}\``);

  const now = new Date();
  // The rate limits (Redis) and the assignment lookup (Postgres) are independent: wait for both at once.
  const consumeLimits = async () => {
    for (const l of limits()) await consume(l.name, user.id, l.points, l.durationSec);
  };
  const [, assignment] = await Promise.all([
    consumeLimits(),
    db().assignment.findFirst({
      where: {
        challengeId: challenge.id,
        opensAt: { lte: now },
        cohort: { archived: false, memberships: { some: { userId: user.id, role: "STUDENT" } } },
      },
      orderBy: { dueAt: { sort: "asc", nulls: "last" } },
      select: { cohortId: true, dueAt: true, extensions: { where: { userId: user.id }, select: { dueAt: true } } },
    }),
  ]);
  const dueAt = assignment?.extensions[0]?.dueAt ?? assignment?.dueAt ?? null;
  const late = !!dueAt && now > dueAt;
  const versionId = challenge.currentVersionId;

  const created = await db().$transaction(
    async (tx) => {
      // Serialise submits of one user on one challenge, so a double click cannot slip past the check.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`${user.id}:${challenge.id}`}))`;
      const duplicate = await tx.submission.findFirst({
        where: {
          userId: user.id,
          challengeId: challenge.id,
          challengeVersionId: versionId,
          answer,
          OR: [
            { status: { in: [SubmissionStatus.QUEUED, SubmissionStatus.RUNNING] } },
            { queuedAt: { gt: new Date(now.getTime() - 10_000) } },
          ],
        },
        orderBy: { queuedAt: "desc" },
        select: { id: true, status: true },
      });
      if (duplicate) return { ...duplicate, isDuplicate: true };
      const row = await tx.submission.create({
        data: {
          userId: user.id,
          challengeId: challenge.id,
          challengeVersionId: versionId,
          cohortId: assignment?.cohortId ?? null,
          answer,
          late,
        },
        select: { id: true, status: true },
      });
      return { ...row, isDuplicate: false };
    },
    { maxWait: 10_000, timeout: 15_000 },
  );
  if (!created.isDuplicate) await enqueueGrade(created.id);
  return created;
}
