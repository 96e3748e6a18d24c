import type { Metadata, Viewport } from "next";
import "./globals.css";
import { SiteHeader } from "./_components/site-header";
import { currentUser } from "./_lib/session";

export const metadata: Metadata = {
  title: { default: "Bastion", template: "%s · Bastion" },
  description: "Learn AWS security by doing: graded IAM, S3, KMS, SCP and Cognito challenges.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#2552e0" };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const user = await currentUser();
  return (
    <html lang="en">
      <body className="flex min-h-dvh flex-col">
        <SiteHeader user={user} />
        <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 sm:px-6 sm:py-10">
          {children}
        </main>
        <footer className="border-t border-line bg-white">
          <div className="mx-auto max-w-6xl px-4 py-4 text-xs text-muted sm:px-6">
            Bastion: practice for the AWS Certified Security – Specialty exam. Not affiliated with AWS.
          </div>
        </footer>
      </body>
    </html>
  );
}
