"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

const LINKS = [
  { href: "/admin", label: "Users" },
  { href: "/admin/challenges", label: "Challenges" },
  { href: "/admin/queue", label: "Queue" },
  { href: "/admin/analytics", label: "Analytics" },
];

/** Tabs between the admin pages; the current one is marked for sight and for screen readers. */
export function AdminNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Admin" className="-mx-1 mb-6 overflow-x-auto border-b border-line">
      <ul className="flex gap-1 px-1 text-sm">
        {LINKS.map((l) => {
          const active = l.href === "/admin" ? pathname === l.href : pathname.startsWith(l.href);
          return (
            <li key={l.href}>
              <Link
                href={l.href}
                aria-current={active ? "page" : undefined}
                className={`-mb-px block border-b-2 px-3 py-2 whitespace-nowrap no-underline ${
                  active
                    ? "border-brand-600 font-semibold text-brand-700"
                    : "border-transparent text-muted hover:border-slate-300 hover:text-ink"
                }`}
              >
                {l.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
