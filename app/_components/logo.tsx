/** Bastion's mark: a shield with a keyhole. */
export function Logo({ className = "h-7 w-7" }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" className={className} aria-hidden="true">
      <path d="M16 2 4 6.5v8.7C4 22.7 9.1 28.6 16 30c6.9-1.4 12-7.3 12-14.8V6.5L16 2Z" fill="#2552e0" />
      <path d="M16 5.2 7 8.6v6.6c0 5.8 3.8 10.4 9 11.7 5.2-1.3 9-5.9 9-11.7V8.6l-9-3.4Z" fill="#3b6cf6" />
      <circle cx="16" cy="14" r="3.2" fill="#fff" />
      <path d="M14.6 16.4h2.8l.9 5.4h-4.6l.9-5.4Z" fill="#fff" />
    </svg>
  );
}
