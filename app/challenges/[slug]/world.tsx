import type { TPolicyDocument } from "@/core/index";
import type { TWorkbenchSpec } from "./labels";
import { KIND_LABEL } from "./labels";

function PolicyBlock({ title, doc }: { title: string; doc: TPolicyDocument }) {
  return (
    <details className="group mt-2 rounded-md border border-line" open>
      <summary className="cursor-pointer px-3 py-1.5 text-xs font-semibold text-ink">
        {title} <span className="font-normal text-muted">(already in place, read-only)</span>
      </summary>
      <pre
        tabIndex={0}
        aria-label={title}
        className="max-h-72 overflow-auto border-t border-line bg-slate-50 px-3 py-2 font-mono text-xs leading-relaxed text-ink"
      >
        {JSON.stringify(doc, null, 2)}
      </pre>
    </details>
  );
}

function SlotMarker({ children }: { children: React.ReactNode }) {
  return (
    <p className="mt-2 rounded-md border-2 border-dashed border-brand-500 bg-brand-50 px-3 py-2 text-xs font-semibold text-brand-900">
      <span aria-hidden="true">✎ </span>
      {children}
    </p>
  );
}

/** The fixed world of a policy challenge: accounts, principals, resources and the policies in place. */
export function World({ spec }: { spec: TWorkbenchSpec }) {
  if (!spec.policy) return null;
  const { world, slot } = spec.policy;
  const accountName = (id?: string) => world.accounts.find((a) => a.id === id)?.name;
  const kindLabel = KIND_LABEL[spec.kind];
  const org = world.organization;
  return (
    <div className="space-y-5 text-sm">
      <div>
        <h3 className="text-sm font-semibold">Accounts</h3>
        <ul className="mt-1 space-y-1">
          {world.accounts.map((a) => (
            <li key={a.id} className="break-words">
              <code className="font-mono text-xs">{a.id}</code> <strong>{a.name}</strong>
              {a.description && <span className="text-muted"> · {a.description}</span>}
            </li>
          ))}
        </ul>
      </div>
      {org && (
        <div>
          <h3 className="text-sm font-semibold">Organization</h3>
          {org.managementAccount && (
            <p className="mt-1 text-muted">
              Management account <code className="font-mono text-xs">{org.managementAccount}</code> (SCPs do not apply
              to it)
            </p>
          )}
          {(org.scp ?? []).map((level, i) => (
            <div key={`scp-${i}`} className="mt-2">
              <p className="text-xs font-semibold">
                SCPs at level {i} {i === 0 ? "(root)" : ""}
              </p>
              {level.map((doc, j) => (
                <PolicyBlock key={j} title={`SCP ${j + 1} at level ${i}`} doc={doc} />
              ))}
              {spec.kind === "scp" && (slot.level ?? (org.scp?.length ?? 1) - 1) === i && (
                <SlotMarker>Your SCP is attached at this level</SlotMarker>
              )}
            </div>
          ))}
          {(org.rcp ?? []).map((level, i) => (
            <div key={`rcp-${i}`} className="mt-2">
              <p className="text-xs font-semibold">RCPs at level {i}</p>
              {level.map((doc, j) => (
                <PolicyBlock key={j} title={`RCP ${j + 1} at level ${i}`} doc={doc} />
              ))}
              {spec.kind === "rcp" && (slot.level ?? (org.rcp?.length ?? 1) - 1) === i && (
                <SlotMarker>Your RCP is attached at this level</SlotMarker>
              )}
            </div>
          ))}
          {((spec.kind === "scp" && !org.scp?.length) || (spec.kind === "rcp" && !org.rcp?.length)) && (
            <SlotMarker>Your {kindLabel} is attached to the organization</SlotMarker>
          )}
        </div>
      )}
      {Object.keys(world.principals).length > 0 && (
        <div>
          <h3 className="text-sm font-semibold">Principals</h3>
          <ul className="mt-1 space-y-3">
            {Object.entries(world.principals).map(([name, p]) => (
              <li key={name} className="rounded-md border border-line p-3">
                <p>
                  <strong>{name}</strong>
                  {accountName(p.account) && <span className="text-muted"> · {accountName(p.account)}</span>}
                </p>
                <p className="font-mono text-xs break-all text-muted">{p.arn}</p>
                {p.description && <p className="mt-1">{p.description}</p>}
                {(p.identityPolicies ?? []).map((doc, i) => (
                  <PolicyBlock key={i} title={`Identity policy ${i + 1} of ${name}`} doc={doc} />
                ))}
                {p.permissionBoundary && <PolicyBlock title={`Permissions boundary of ${name}`} doc={p.permissionBoundary} />}
                {p.sessionPolicy && <PolicyBlock title={`Session policy of ${name}`} doc={p.sessionPolicy} />}
                {slot.principal === name && <SlotMarker>You write the {kindLabel.toLowerCase()} of {name}</SlotMarker>}
              </li>
            ))}
          </ul>
        </div>
      )}
      {Object.keys(world.resources).length > 0 && (
        <div>
          <h3 className="text-sm font-semibold">Resources</h3>
          <ul className="mt-1 space-y-3">
            {Object.entries(world.resources).map(([name, r]) => (
              <li key={name} className="rounded-md border border-line p-3">
                <p>
                  <strong>{name}</strong>
                  {accountName(r.account) && <span className="text-muted"> · {accountName(r.account)}</span>}
                </p>
                <p className="font-mono text-xs break-all text-muted">{r.arn}</p>
                {r.description && <p className="mt-1">{r.description}</p>}
                {r.policy && <PolicyBlock title={`Resource policy of ${name}`} doc={r.policy} />}
                {slot.resource === name && <SlotMarker>You write the {kindLabel} of {name}</SlotMarker>}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
