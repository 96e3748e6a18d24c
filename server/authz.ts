import { AppError } from "./errors";
import { Role } from "./generated/prisma/enums";

/** Who is asking: what every guard needs, loaded fresh from the database for each request. */
export type TSessionUser = {
  id: string;
  email: string;
  name: string;
  displayName: string;
  role: Role;
  sessionVersion: number;
};

export type TActor = TSessionUser | null;

const RANK: Record<Role, number> = { STUDENT: 0, INSTRUCTOR: 1, ADMIN: 2 };

/** Signed in, or `unauthenticated`. */
export function requireUser(actor: TActor): TSessionUser {
  if (!actor) throw new AppError("unauthenticated", "sign in to continue");
  return actor;
}

/** Signed in with at least `role` (ADMIN > INSTRUCTOR > STUDENT), or `forbidden`. */
export function requireRole(actor: TActor, role: Role): TSessionUser {
  const user = requireUser(actor);
  if (RANK[user.role] < RANK[role]) {
    throw new AppError("forbidden", `this page is for ${role === Role.ADMIN ? "administrators" : "instructors"}`);
  }
  return user;
}

export const requireInstructor = (actor: TActor) => requireRole(actor, Role.INSTRUCTOR);
export const requireAdmin = (actor: TActor) => requireRole(actor, Role.ADMIN);

/** What the navigation offers a user. */
export function navFor(actor: TActor): { instructor: boolean; admin: boolean } {
  return {
    instructor: !!actor && RANK[actor.role] >= RANK.INSTRUCTOR,
    admin: !!actor && actor.role === Role.ADMIN,
  };
}

/** A user may read a submission when it is theirs (instructor access is checked per cohort elsewhere). */
export function canReadOwn(actor: TActor, ownerId: string): boolean {
  return !!actor && actor.id === ownerId;
}
