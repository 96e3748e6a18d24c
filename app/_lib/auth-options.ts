import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { verifyCredentials } from "@/server/users/verify-credentials";
import { isAppError } from "@/server/errors";

declare module "next-auth" {
  interface Session {
    uid?: string;
    sv?: number;
  }
  interface User {
    sessionVersion?: number;
    role?: string;
  }
}

/** The caller's address: the first X-Forwarded-For hop set by the proxy in front, else "local". */
export function clientIp(headers: Record<string, unknown> | Headers | undefined): string {
  const raw =
    headers instanceof Headers ? headers.get("x-forwarded-for") : (headers?.["x-forwarded-for"] as string | undefined);
  return (raw ?? "").split(",")[0]?.trim().slice(0, 64) || "local";
}

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 7 * 24 * 3600 },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        try {
          const user = await verifyCredentials(credentials?.email, credentials?.password, clientIp(req?.headers));
          return {
            id: user.id,
            email: user.email,
            name: user.name,
            sessionVersion: user.sessionVersion,
            role: user.role,
          };
        } catch (e) {
          // next-auth hands this message to the sign-in form.
          if (isAppError(e)) throw new Error(e.message, { cause: e });
          throw new Error("sign-in is unavailable right now: try again in a minute", { cause: e });
        }
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.sv = user.sessionVersion ?? 0;
        // A hint for proxy.ts only; every page and action re-reads the role from the database.
        token.role = user.role;
      }
      return token;
    },
    // next-auth's default, minus its throw: `new URL(" ")` on a hostile callbackUrl (form field or
    // cookie) was a 500. Same rule: a path or a URL of this site, anything else goes home.
    redirect({ url, baseUrl }) {
      if (url.startsWith("/")) return `${baseUrl}${url}`;
      try {
        if (new URL(url).origin === baseUrl) return url;
      } catch {
        /* not a URL */
      }
      return baseUrl;
    },
    session({ session, token }) {
      session.uid = typeof token.uid === "string" ? token.uid : undefined;
      session.sv = typeof token.sv === "number" ? token.sv : undefined;
      return session;
    },
  },
  cookies: undefined,
  secret: process.env.NEXTAUTH_SECRET,
};
