import type { ReactNode } from "react";
import { Logo } from "@/app/_components/logo";

export function AuthCard({
  title,
  subtitle,
  children,
  footer,
}: {
  title: string;
  subtitle: string;
  children: ReactNode;
  footer: ReactNode;
}) {
  return (
    <div className="mx-auto w-full max-w-md">
      <div className="mb-6 flex flex-col items-center text-center">
        <Logo className="mb-3 h-10 w-10" />
        <h1 className="text-2xl font-bold tracking-tight">{title}</h1>
        <p className="mt-1 text-sm text-muted">{subtitle}</p>
      </div>
      <div className="card p-6 sm:p-8">{children}</div>
      <p className="mt-6 text-center text-sm text-muted">{footer}</p>
    </div>
  );
}
