"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

/** The main navigation; the current section is marked for sight and for screen readers. */
export function NavLinks({ links }: { links: { href: string; label: string }[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="order-last w-full overflow-x-auto sm:order-none sm:w-auto">
      <ul className="flex gap-1 text-sm">
        {links.map((l) => {
          const active = pathname === l.href || pathname.startsWith(`${l.href}/`);
          return (
            <li key={l.href}>
              <Link
                href={l.href}
                aria-current={active ? "page" : undefined}
                className={`block rounded-md px-3 py-1.5 whitespace-nowrap no-underline ${
                  active ? "bg-brand-50 font-semibold text-brand-700" : "text-muted hover:bg-slate-100 hover:text-ink"
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
