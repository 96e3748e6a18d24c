import { z } from "zod";
import { db } from "../db";
import { AppError } from "../errors";
import { requireUser, type TActor } from "../authz";
import type { TChallengeSpec } from "./schema";

const ZRevealInput = z.object({
  challenge: z.string().regex(/^[a-z0-9-]{1,100}$/, "name the challenge by its slug"),
  index: z.coerce.number().int().min(0).max(99),
});

/**
 * Reveals hint `index` of a live challenge to the student and records it (once: revealing again
 * returns the same hint). Hints are revealed in order, so hint 2 needs hint 1.
 */
export async function revealHint(
  actor: TActor,
  input: unknown,
): Promise<{ index: number; title: string; text: string; cost: number }> {
  const user = requireUser(actor);
  const parsed = ZRevealInput.safeParse(input);
  if (!parsed.success) throw new AppError("invalid-input", parsed.error.issues[0].message);
  const { challenge: slug, index } = parsed.data;
  const row = await db().challenge.findUnique({
    where: { slug },
    select: {
      id: true,
      retiredAt: true,
      currentVersion: { select: { spec: true } },
      hintReveals: { where: { userId: user.id }, select: { hintIndex: true } },
    },
  });
  if (!row || row.retiredAt || !row.currentVersion) throw new AppError("not-found", `no challenge \`${slug}\``);
  const hints = (row.currentVersion.spec as unknown as TChallengeSpec).hints;
  const hint = hints[index];
  if (!hint) throw new AppError("not-found", `this challenge has no hint ${index + 1}`);
  const revealed = new Set(row.hintReveals.map((h) => h.hintIndex));
  for (let i = 0; i < index; i++) {
    if (!revealed.has(i)) throw new AppError("conflict", `reveal hint ${i + 1} first`);
  }
  await db().hintReveal.upsert({
    where: { userId_challengeId_hintIndex: { userId: user.id, challengeId: row.id, hintIndex: index } },
    create: { userId: user.id, challengeId: row.id, hintIndex: index },
    update: {},
  });
  return { index, title: hint.title, text: hint.text, cost: hint.cost };
}
