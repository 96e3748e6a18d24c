import { z } from "zod";
import type { DefaultJobOptions } from "bullmq";

/**
 * The grading queue's contract, shared by the producer (web) and the consumer (worker).
 * Only ids travel through Redis: the Submission row in Postgres is the source of truth.
 */
export const GRADING_QUEUE = "grading";
export const GRADE_JOB = "grade-submission";

export const ZGradeJob = z.object({ submissionId: z.uuid() });
export type TGradeJob = z.infer<typeof ZGradeJob>;

export const GRADE_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 5,
  backoff: { type: "exponential", delay: 500 },
  removeOnComplete: { age: 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 10_000 },
};

/** Redis pub/sub channel on which the worker announces status changes of one submission. */
export const submissionChannel = (prefix: string, submissionId: string) => `${prefix}:submission:${submissionId}`;
