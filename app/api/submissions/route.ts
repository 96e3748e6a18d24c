import { apiActor } from "@/app/_lib/api-auth";
import { errorResponse, jsonResponse, readBodyLimited } from "@/app/_lib/http";
import { AppError } from "@/server/errors";
import { createSubmission, MAX_ANSWER_BYTES } from "@/server/submissions/create-submission";

// A JSON-escaped 64 KB answer can take up to six bytes per character; anything beyond is refused unread.
const MAX_BODY = MAX_ANSWER_BYTES * 6 + 1024;

/** Submit an answer: `{ "challenge": "<slug>", "answer": "<text>" }` -> 202 `{ id, status }`. */
export async function POST(req: Request) {
  try {
    const actor = await apiActor(req, { write: true });
    if (!actor) throw new AppError("unauthenticated", "sign in or send an API token");
    const text = await readBodyLimited(req, MAX_BODY);
    if (text === null) throw new AppError("too-large", `the answer is larger than ${MAX_ANSWER_BYTES / 1024} KB`);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new AppError("invalid-input", 'the body is not JSON: send { "challenge": "<slug>", "answer": "<text>" }');
    }
    const created = await createSubmission(actor, body);
    return jsonResponse(
      { id: created.id, status: created.status, ...(created.isDuplicate ? { duplicate: true } : {}) },
      { status: 202 },
    );
  } catch (e) {
    return errorResponse(e);
  }
}
