import type { TGradeJob } from "../server/queue/contract";
import { gradeSubmission } from "../server/grading/grade-submission";

/** One grading job: everything lives in server/grading; this file is the worker's seam. */
export async function processGradeJob(job: TGradeJob, ctx: { attempt: number; maxAttempts: number }) {
  return gradeSubmission(job.submissionId, ctx);
}
