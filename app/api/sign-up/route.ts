import { signUp } from "@/server/users/sign-up";
import { AppError } from "@/server/errors";
import { errorResponse, jsonResponse, readBodyLimited } from "@/app/_lib/http";

const MAX_BODY = 8 * 1024;

/** Creates an account. The form then signs in through next-auth with the same credentials. */
export async function POST(req: Request) {
  try {
    const text = await readBodyLimited(req, MAX_BODY);
    if (text === null) throw new AppError("too-large", "the form is too large: shorten your entries");
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new AppError("invalid-input", "the form could not be read: reload the page and try again");
    }
    const user = await signUp(body);
    return jsonResponse({ id: user.id, email: user.email }, { status: 201 });
  } catch (e) {
    return errorResponse(e);
  }
}
