// The shape checks a server-action body must pass before Next.js hands it to React's reply decoder,
// which answers malformed input with a bare 500 (proxy.ts turns these into a 400 with a message).
// Only what breaks the decoder is refused; what a browser sends for our forms and actions passes.
import { readCapped } from "./read-capped";

/** Server actions: the body size limit of next.config.ts (`serverActions.bodySizeLimit`). */
export const ACTION_BODY_LIMIT = 256 * 1024;
/** A form field name longer than this cannot come from our forms (busboy refuses 16 KB part headers). */
const MAX_FIELD_NAME = 1024;
// A string an action's arguments may hold in a plain-text body: React writes a leading `$` as `$$`
// and inlines dates, bigints and the odd numbers; every other `$` form points at a part of a
// multipart body, which a plain-text body does not have.
const INLINE_VALUE = /^\$(?:\$|D|n|undefined$|NaN$|Infinity$|-Infinity$|-0$)/;

export type TBodyCheck = { status: 400 | 413; message: string } | null;

function pointsOutsideBody(v: unknown): boolean {
  const stack: unknown[] = [v];
  while (stack.length) {
    const x = stack.pop();
    if (typeof x === "string") {
      if (x.startsWith("$") && !INLINE_VALUE.test(x)) return true;
    } else if (Array.isArray(x)) stack.push(...x);
    else if (x && typeof x === "object") stack.push(...Object.keys(x), ...Object.values(x));
  }
  return false;
}

function hasControlCharacter(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

/** Parses an argument list as React encodes it: JSON whose root is an array. */
function argumentList(text: string): unknown[] | null {
  try {
    const root: unknown = JSON.parse(text);
    return Array.isArray(root) ? root : null;
  } catch {
    return null;
  }
}

/**
 * Why a server-action request would make the framework fail rather than run the action: too large,
 * not a readable form, or not an argument list React can decode. Null when it is well-formed.
 * Reads a clone of the request, so the action still gets the body.
 */
export async function checkActionBody(req: Request): Promise<TBodyCheck> {
  const tooLarge = { status: 413, message: `the form is larger than ${ACTION_BODY_LIMIT / 1024} KB` } as const;
  if (Number(req.headers.get("content-length") ?? 0) > ACTION_BODY_LIMIT) return tooLarge;
  const bytes = await readCapped(req.clone().body, ACTION_BODY_LIMIT);
  if (bytes === null) return tooLarge;
  const unreadable = { status: 400, message: "the form could not be read: reload the page and try again" } as const;
  const type = req.headers.get("content-type") ?? "";
  if (type.toLowerCase().startsWith("multipart/form-data")) {
    let form: FormData;
    try {
      form = await new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { "content-type": type } }).formData();
    } catch {
      return unreadable;
    }
    for (const [name, value] of form) {
      const fileName = typeof value === "string" ? "" : value.name;
      if (name.length + fileName.length > MAX_FIELD_NAME || hasControlCharacter(name + fileName)) return unreadable;
    }
    const root = form.get("0");
    if (typeof root === "string" && argumentList(root) === null) return unreadable;
    return null;
  }
  const args = argumentList(new TextDecoder().decode(bytes));
  if (args === null || pointsOutsideBody(args)) return unreadable;
  return null;
}
