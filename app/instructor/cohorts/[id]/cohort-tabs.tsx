"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

/** The cohort's sections; the progress tab stays current on a student's attempts page below it. */
export function CohortTabs({ tabs }: { tabs: { href: string; label: string }[] }) {
  const pathname = usePathname();
  const current =
    tabs.slice(1).find((t) => pathname === t.href || pathname.startsWith(`${t.href}/`))?.href ?? tabs[0].href;
  return (
    <nav aria-label="Cohort sections" className="mb-6 overflow-x-auto border-b border-line">
      <ul className="flex gap-1 text-sm">
        {tabs.map((t) => (
          <li key={t.href}>
            <Link
              href={t.href}
              aria-current={t.href === current ? "page" : undefined}
              className={`-mb-px block border-b-2 px-3 py-2 whitespace-nowrap no-underline ${
                t.href === current
                  ? "border-brand-600 font-semibold text-brand-700"
                  : "border-transparent text-muted hover:text-ink"
              }`}
            >
              {t.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
