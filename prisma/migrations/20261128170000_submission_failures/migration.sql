-- CreateTable
CREATE TABLE "SubmissionFailure" (
    "submissionId" UUID NOT NULL,
    "caseId" TEXT NOT NULL,
    "userId" UUID NOT NULL,
    "challengeId" UUID NOT NULL,
    "caseName" TEXT NOT NULL,
    "misconception" TEXT,

    CONSTRAINT "SubmissionFailure_pkey" PRIMARY KEY ("submissionId","caseId")
);

-- CreateIndex
CREATE INDEX "SubmissionFailure_challengeId_caseId_idx" ON "SubmissionFailure"("challengeId", "caseId");

-- AddForeignKey
ALTER TABLE "SubmissionFailure" ADD CONSTRAINT "SubmissionFailure_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission"("id") ON DELETE CASCADE ON UPDATE CASCADE;
