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

  // Rate limit first (an unknown slug costs a point too: probing is not free), then the whole write
  // in one round trip: bastion_submit (prisma/migrations/20261128190000_hot_path_functions) finds the
  // challenge and the caller's open assignment of it, and, serialised per user and challenge, returns
  // the same answer still waiting or under 10 s old (a double click) or inserts a new QUEUED row.
  await Promise.all(limits().map((l) => consume(l.name, user.id, l.points, l.durationSec)));
  const [row] = await db().$queryRaw<{ outcome: "created" | "duplicate" | "not-found"; id: string; status: string }[]>`
    SELECT outcome, id, status FROM bastion_submit(${uuidv7()}::uuid, ${user.id}::uuid, ${slug}, ${answer}, ${new Date()}::timestamp(3))`;
  if (!row || row.outcome === "not-found") throw new AppError("not-found", `no challenge \`${slug}\``);
  const created: TCreatedSubmission = {
    id: row.id,
    status: row.status as SubmissionStatus,
    isDuplicate: row.outcome === "duplicate",
  };
  if (!created.isDuplicate) await enqueueGrade(created.id);
  return created;
}
