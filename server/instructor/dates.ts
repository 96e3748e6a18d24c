import { z } from "zod";

/**
 * A `datetime-local` value ("2026-03-01T17:00") read in the browser's time zone: `offsetMinutes` is
 * what the browser's `Date#getTimezoneOffset()` said (UTC minus local, in minutes).
 */
export function parseLocalDateTime(value: string, offsetMinutes: number): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number);
  const utc = Date.UTC(y, mo - 1, d, h, mi, s || 0) + offsetMinutes * 60_000;
  const date = new Date(utc);
  return Number.isNaN(date.getTime()) ? null : date;
}

export const ZTzOffset = z.coerce
  .number()
  .int()
  .min(-16 * 60)
  .max(16 * 60)
  .catch(0);

/** An optional local date-time field: empty means "none". */
export const ZLocalDateTime = z
  .string()
  .trim()
  .max(40)
  .optional()
  .transform((v) => (v ? v : null))
  .refine((v) => v === null || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(v), "enter a date and time");
