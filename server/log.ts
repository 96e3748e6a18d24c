import pino, { type Logger } from "pino";
import { env } from "./env";

let root: Logger | undefined;

/** Structured JSON logs (pino); `LOG_LEVEL` sets the level. */
export function logger(): Logger {
  root ??= pino({ level: env().LOG_LEVEL, base: { service: process.env.BASTION_SERVICE ?? "web" } });
  return root;
}
