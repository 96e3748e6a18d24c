import Link from "next/link";
import { Logo } from "./logo";
import { navFor, type TActor } from "@/server/authz";
import { NavLinks } from "./nav-links";

const ROLE_LABEL = { STUDENT: "Student", INSTRUCTOR: "Instructor", ADMIN: "Admin" } as const;

export function SiteHeader({ user }: { user: TActor }) {
  const nav = navFor(user);
  const links = user
    ? [
        { href: "/challenges", label: "Challenges" },
        { href: "/leaderboard", label: "Leaderboard" },
        { href: "/cohorts", label: "My cohorts" },
        ...(nav.instructor ? [{ href: "/instructor", label: "Instructor" }] : []),
        ...(nav.admin ? [{ href: "/admin", label: "Admin" }] : []),
      ]
    : [];
  return (
    <header className="sticky top-0 z-30 border-b border-line bg-white/95 backdrop-blur">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
        <Link href={user ? "/challenges" : "/"} className="flex items-center gap-2 font-bold text-ink no-underline">
          <Logo />
          <span className="text-lg tracking-tight">Bastion</span>
        </Link>
        {user && <NavLinks links={links} />}
        <div className="ml-auto flex items-center gap-3 text-sm">
          {user ? (
            <>
              <Link
                href="/profile"
                className="hidden text-right leading-tight no-underline sm:block"
                title="Your profile"
              >
                <span className="block font-medium text-ink">{user.displayName}</span>
                <span className="block text-xs text-muted">{ROLE_LABEL[user.role]}</span>
              </Link>
              <Link href="/sign-out" className="btn-secondary px-3 py-1.5">
                Sign out
              </Link>
            </>
          ) : (
            <>
              <Link href="/sign-in" className="btn-ghost px-3 py-1.5">
                Sign in
              </Link>
              <Link href="/sign-up" className="btn-primary px-3 py-1.5">
                Create account
              </Link>
            </>
          )}
        </div>
      </div>
    </header>
  );
}
