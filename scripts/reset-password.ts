// npm run user:reset-password -- <email> [new password]
// Sets a password (a random one when none is given), prints it, and signs the user out everywhere.
import { loadEnv } from "../server/env-file";

loadEnv();
const [email, password] = process.argv.slice(2);
if (!email) {
  console.error("usage: npm run user:reset-password -- <email> [new password]");
  process.exit(2);
}
const { unsafeResetPassword } = await import("../server/users/reset-password");
const { db } = await import("../server/db");
try {
  const res = await unsafeResetPassword(email, password);
  console.log(`password of ${res.email} set${password ? "" : ` to: ${res.password}`}; their sessions are ended`);
} catch (e) {
  console.error(`could not reset the password: ${(e as Error).message}`);
  process.exitCode = 1;
} finally {
  await db().$disconnect();
}
