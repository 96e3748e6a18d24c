-- Indexes for the leaderboard, the progress matrix and class analytics (issues #7 and #8, npm run
-- bench:web): a leaderboard page, a cohort's late and pending submissions, and a cohort's submissions
-- and failing cases are read from indexes alone.

-- DropIndex
DROP INDEX "Submission_cohortId_challengeId_idx";

-- CreateIndex
CREATE INDEX "Submission_cohort_matrix_idx" ON "Submission"("cohortId", "challengeId", "userId", "late", "status");

-- CreateIndex
CREATE INDEX "Submission_analytics_idx" ON "Submission"("userId", "challengeId", "status", "gradable", "queuedAt", "id", "score");

-- CreateIndex
CREATE INDEX "SubmissionFailure_analytics_idx" ON "SubmissionFailure"("userId", "challengeId", "caseId", "misconception", "submissionId");

-- DropIndex
DROP INDEX "UserTotal_totalPoints_reachedAt_idx";

-- CreateIndex
CREATE INDEX "UserTotal_totalPoints_reachedAt_userId_idx" ON "UserTotal"("totalPoints" DESC, "reachedAt", "userId");
