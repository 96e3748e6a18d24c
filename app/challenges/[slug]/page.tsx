import { cache } from "react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { pageUser } from "@/app/_lib/session";
import { Badge } from "@/app/_components/ui";
import { Markdown } from "@/app/_components/markdown";
import { getStudentChallenge } from "@/server/challenges/get-student-challenge";
import { listOwnSubmissions } from "@/server/submissions/list-own-submissions";
import { Hints } from "./hints";
import { KIND_LABEL, percent, type TWorkbenchSpec } from "./labels";
import { Workbench } from "./workbench";
import { World } from "./world";

export const dynamic = "force-dynamic";

const load = cache(async (slug: string) => {
  const user = await pageUser();
  return { user, challenge: await getStudentChallenge(user, slug) };
});

export async function generateMetadata({ params }: PageProps<"/challenges/[slug]">) {
  const { challenge } = await load((await params).slug);
  return { title: challenge?.spec.title ?? "Challenge not found" };
}

export default async function ChallengePage({ params }: PageProps<"/challenges/[slug]">) {
  const { user, challenge } = await load((await params).slug);
  if (!challenge) notFound();
  const { spec, hints, best } = challenge;
  const submissions = await listOwnSubmissions(user, challenge.id);
  const attempts = submissions.map((s, i) => ({
    id: s.id,
    number: submissions.length - i,
    status: s.status,
    gradable: s.gradable,
    score: s.score,
    points: s.points,
    queuedAt: s.queuedAt.toISOString(),
    answer: s.answer,
  }));
  // Only what the browser needs to run visible tests and what-if: no prompt, explanation or hint texts.
  const workbenchSpec: TWorkbenchSpec = {
    slug: spec.slug,
    kind: spec.kind,
    points: spec.points,
    language: spec.language,
    starter: spec.starter,
    constraints: spec.constraints,
    misconceptions: spec.misconceptions,
    cases: spec.cases,
    hiddenCases: spec.hiddenCases,
    ...(spec.policy ? { policy: spec.policy } : {}),
    ...(spec.trigger ? { trigger: spec.trigger } : {}),
  };
  // The prompt usually opens with the title as `# …`: the page header already shows it.
  const prompt = spec.prompt.replace(/^\s*#\s+(.+)\n/, (line, title: string) => (title.trim() === spec.title.trim() ? "" : line));
  const revealedCost = hints.filter((h) => h.text !== undefined).reduce((s, h) => s + h.cost, 0);

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-4 text-sm">
        <Link href="/challenges" className="text-brand-700 underline">
          Challenges
        </Link>
        <span aria-hidden="true" className="text-muted">
          {" "}
          /{" "}
        </span>
        <span className="text-muted">{spec.domain}</span>
      </nav>
      <header className="mb-6">
        <p className="eyebrow mb-1">{KIND_LABEL[spec.kind]}</p>
        <h1 className="text-2xl font-bold tracking-tight break-words text-ink sm:text-3xl">{spec.title}</h1>
        <ul aria-label="About this challenge" className="mt-3 flex flex-wrap items-center gap-2">
          <li>
            <Badge tone="brand">{spec.points} points</Badge>
          </li>
          <li>
            <Badge>
              Difficulty {spec.difficulty} of 5
            </Badge>
          </li>
          <li>
            <Badge>{spec.domain}</Badge>
          </li>
          {spec.tags.map((t) => (
            <li key={t}>
              <Badge>#{t}</Badge>
            </li>
          ))}
          <li>
            {best?.isSolved ? (
              <Badge tone="success">Solved · best {percent(best.score)}</Badge>
            ) : best ? (
              <Badge tone="warning">
                Best {percent(best.score)} · {best.attempts} attempt{best.attempts === 1 ? "" : "s"}
              </Badge>
            ) : (
              <Badge>Not attempted yet</Badge>
            )}
          </li>
        </ul>
      </header>

      <div className="grid gap-6 lg:grid-cols-[minmax(0,5fr)_minmax(0,7fr)] lg:items-start">
        <div className="min-w-0 space-y-6">
          <section aria-labelledby="prompt-heading" className="card p-4 sm:p-5">
            <h2 id="prompt-heading" className="sr-only">
              The task
            </h2>
            <Markdown>{prompt}</Markdown>
            {(spec.constraints.maxStatements || spec.constraints.noWildcardAction || spec.constraints.noNotAction) && (
              <p className="mt-3 text-xs text-muted">
                Constraints (each one failed costs 25 %):{" "}
                {[
                  spec.constraints.maxStatements ? `at most ${spec.constraints.maxStatements} statements` : null,
                  spec.constraints.noWildcardAction ? "no wildcard actions" : null,
                  spec.constraints.noNotAction ? "no NotAction" : null,
                  spec.constraints.sizeLimit ? "within the AWS size limit" : null,
                ]
                  .filter(Boolean)
                  .join(", ")}
                .
              </p>
            )}
          </section>

          {spec.explanation !== undefined && (
            <section aria-labelledby="explanation-heading" className="card border-emerald-200 p-4 sm:p-5">
              <h2 id="explanation-heading" className="text-lg font-semibold text-allow">
                Solved: the explanation
              </h2>
              <Markdown className="mt-2">{spec.explanation}</Markdown>
            </section>
          )}

          {spec.policy ? (
            <section aria-labelledby="world-heading" className="card p-4 sm:p-5">
              <h2 id="world-heading" className="text-lg font-semibold">
                The world
              </h2>
              <p className="mt-1 mb-3 text-sm text-muted">
                Fixed: these accounts, principals and policies take part in every test alongside yours.
              </p>
              <World spec={workbenchSpec} />
            </section>
          ) : (
            <section aria-labelledby="world-heading" className="card p-4 sm:p-5">
              <h2 id="world-heading" className="text-lg font-semibold">
                The runtime
              </h2>
              <p className="mt-1 text-sm text-muted">
                Your code runs as a Node.js Lambda function behind an Amazon Cognito user pool
                {spec.trigger?.timeLimitMs ? `, with a ${spec.trigger.timeLimitMs} ms time limit per call` : ""}. Export{" "}
                {spec.kind === "cognito-custom-auth" ? (
                  <>
                    <code className="font-mono">defineAuthChallenge</code>,{" "}
                    <code className="font-mono">createAuthChallenge</code> and{" "}
                    <code className="font-mono">verifyAuthChallengeResponse</code>
                  </>
                ) : (
                  <code className="font-mono">handler</code>
                )}
                .
              </p>
            </section>
          )}

          {hints.length > 0 && (
            <section aria-labelledby="hints-heading" className="card p-4 sm:p-5">
              <h2 id="hints-heading" className="text-lg font-semibold">
                Hints
              </h2>
              <p className="mt-1 mb-3 text-sm text-muted">
                Revealed on request, one at a time. Each reveal is recorded, and a hint's cost comes off this challenge's points.
                {revealedCost > 0 && ` Revealed so far: ${revealedCost} points.`}
              </p>
              <Hints
                slug={spec.slug}
                hints={hints.map((h) => ({
                  index: h.index,
                  title: h.title,
                  cost: h.cost,
                  ...(h.text !== undefined ? { content: <Markdown>{h.text}</Markdown> } : {}),
                }))}
              />
            </section>
          )}
        </div>

        <div className="min-w-0">
          <Workbench spec={workbenchSpec} userId={user.id} attempts={attempts} />
        </div>
      </div>
    </>
  );
}
