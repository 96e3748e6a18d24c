import { randomInt } from "node:crypto";

// No 0/O, 1/I/L: codes are read aloud and typed from slides.
const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/** A random 8-character join code such as `K7MQ-2XPA` (stored without the dash). */
export function newJoinCode(): string {
  let s = "";
  for (let i = 0; i < 8; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return s;
}

/** Normalises what a student typed: case, spaces and dashes do not matter. */
export function normaliseJoinCode(raw: string): string {
  return raw.toUpperCase().replace(/[\s-]/g, "").slice(0, 32);
}
