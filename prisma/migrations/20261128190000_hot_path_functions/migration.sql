-- The two hot paths of the grading pipeline as one round trip each (docs/architecture.md, "Hot paths").
-- Each function is one statement, so it runs in one transaction; inside, every statement takes a fresh
-- snapshot (READ COMMITTED), so a lock taken by one statement orders what the next one reads.

-- Records a submission: the challenge and the caller's earliest-due open assignment of it (with the
-- caller's extension), then, serialised per user and challenge, the same answer still waiting or under
-- 10 s old (a double click) or else a new QUEUED row. outcome: 'created' | 'duplicate' | 'not-found'.
CREATE OR REPLACE FUNCTION bastion_submit(p_id uuid, p_user uuid, p_slug text, p_answer text, p_now timestamp(3))
RETURNS TABLE (outcome text, id uuid, status text)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  v_challenge uuid;
  v_version uuid;
  v_retired timestamp(3);
  v_cohort uuid;
  v_due timestamp(3);
  v_ext timestamp(3);
BEGIN
  SELECT c.id, c."currentVersionId", c."retiredAt", a."cohortId", a."dueAt", e."dueAt"
    INTO v_challenge, v_version, v_retired, v_cohort, v_due, v_ext
  FROM "Challenge" c
  LEFT JOIN LATERAL (
    SELECT a.id, a."cohortId", a."dueAt" FROM "Assignment" a JOIN "Cohort" co ON co.id = a."cohortId"
    WHERE a."challengeId" = c.id AND a."opensAt" <= p_now AND NOT co.archived
      AND EXISTS (SELECT 1 FROM "Membership" m WHERE m."cohortId" = a."cohortId" AND m."userId" = p_user AND m.role = 'STUDENT')
    ORDER BY a."dueAt" ASC NULLS LAST LIMIT 1
  ) a ON true
  LEFT JOIN "AssignmentExtension" e ON e."assignmentId" = a.id AND e."userId" = p_user
  WHERE c.slug = p_slug;
  IF v_challenge IS NULL OR v_retired IS NOT NULL OR v_version IS NULL THEN
    RETURN QUERY SELECT 'not-found'::text, NULL::uuid, NULL::text;
    RETURN;
  END IF;

  PERFORM pg_advisory_xact_lock(hashtext(p_user::text || ':' || v_challenge::text));
  RETURN QUERY
    SELECT 'duplicate'::text, s.id, s.status::text FROM "Submission" s
    WHERE s."userId" = p_user AND s."challengeId" = v_challenge AND s."challengeVersionId" = v_version
      AND s.answer = p_answer AND (s.status IN ('QUEUED', 'RUNNING') OR s."queuedAt" > p_now - interval '10 seconds')
    ORDER BY s."queuedAt" DESC LIMIT 1;
  IF FOUND THEN RETURN; END IF;

  RETURN QUERY
    INSERT INTO "Submission" AS s (id, "userId", "challengeId", "challengeVersionId", "cohortId", answer, late, "queuedAt")
    VALUES (p_id, p_user, v_challenge, v_version, v_cohort, p_answer,
            COALESCE(p_now > COALESCE(v_ext, v_due), false), p_now)
    RETURNING 'created'::text, s.id, s.status::text;
END $$;

-- Writes a grade exactly once: the row becomes GRADED only if no other worker got there first (false
-- otherwise, and nothing else is written). For a gradable result, also the failing cases (for class
-- analytics), the BestScore upsert and the student's UserTotal, under a per-user lock so concurrent
-- grades of one student never leave a stale total.
CREATE OR REPLACE FUNCTION bastion_record_grade(
  p_submission uuid, p_gradable boolean, p_score double precision, p_points double precision,
  p_report jsonb, p_timings jsonb, p_graded_at timestamp(3), p_failures jsonb)
RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
  v_user uuid;
  v_challenge uuid;
BEGIN
  UPDATE "Submission" SET status = 'GRADED', gradable = p_gradable, score = p_score, points = p_points,
    report = p_report, timings = p_timings, "gradedAt" = p_graded_at, "errorMessage" = NULL
  WHERE id = p_submission AND status <> 'GRADED'
  RETURNING "userId", "challengeId" INTO v_user, v_challenge;
  IF NOT FOUND THEN RETURN false; END IF;
  IF NOT p_gradable THEN RETURN true; END IF;

  INSERT INTO "SubmissionFailure" ("submissionId", "caseId", "userId", "challengeId", "caseName", misconception)
  SELECT p_submission, f->>'caseId', v_user, v_challenge, f->>'caseName', f->>'misconception'
  FROM jsonb_array_elements(COALESCE(p_failures, '[]'::jsonb)) f
  ON CONFLICT DO NOTHING;

  PERFORM pg_advisory_xact_lock(hashtext('total:' || v_user::text));
  -- The BestScore upsert, then the total over the user's other BestScore rows (this statement's
  -- snapshot is taken after the lock, so every other grade of the user is in it) plus the upserted
  -- row as RETURNING gives it (a statement does not see its own writes).
  WITH best AS (
    INSERT INTO "BestScore" ("userId", "challengeId", "bestScore", "bestPoints", "reachedAt", "attempts", "solvedAt")
    VALUES (v_user, v_challenge, p_score, p_points, p_graded_at, 1, CASE WHEN p_score >= 1 THEN p_graded_at END)
    ON CONFLICT ("userId", "challengeId") DO UPDATE SET
      "attempts" = "BestScore"."attempts" + 1,
      "reachedAt" = CASE WHEN EXCLUDED."bestPoints" > "BestScore"."bestPoints" THEN EXCLUDED."reachedAt" ELSE "BestScore"."reachedAt" END,
      "bestScore" = GREATEST("BestScore"."bestScore", EXCLUDED."bestScore"),
      "bestPoints" = GREATEST("BestScore"."bestPoints", EXCLUDED."bestPoints"),
      "solvedAt" = COALESCE("BestScore"."solvedAt", EXCLUDED."solvedAt")
    RETURNING "bestPoints", "solvedAt", "reachedAt"
  ), everything AS (
    SELECT b."bestPoints", b."solvedAt", b."reachedAt" FROM "BestScore" b WHERE b."userId" = v_user AND b."challengeId" <> v_challenge
    UNION ALL SELECT best."bestPoints", best."solvedAt", best."reachedAt" FROM best
  )
  INSERT INTO "UserTotal" ("userId", "totalPoints", "solvedCount", "reachedAt")
  SELECT v_user, COALESCE(SUM(x."bestPoints"), 0), COUNT(x."solvedAt"),
         COALESCE(MAX(x."reachedAt") FILTER (WHERE x."bestPoints" > 0), p_graded_at)
  FROM everything x
  ON CONFLICT ("userId") DO UPDATE SET
    "totalPoints" = EXCLUDED."totalPoints", "solvedCount" = EXCLUDED."solvedCount", "reachedAt" = EXCLUDED."reachedAt";
  RETURN true;
END $$;
