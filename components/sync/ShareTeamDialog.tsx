'use client';
/**
 * The "Share with my team" dialog: opening the room, then the three
 * invitation links (the editor's and the viewer's to send, each copyable;
 * the owner's kept by the one sharing), or what went wrong.
 */
import { useState } from 'react';
import { useCopyLink } from '../useCopyLink';
import { Dialog } from '../Dialog';
import { SHARE_WORDS } from '@/lib/messages/sync';
import type { Role } from '@/lib/sync/invite';

export type ShareDialogState =
  | { kind: 'working' }
  | { kind: 'links'; links: Record<Role, string>; expires: string; replaced?: Role }
  | { kind: 'joined' }
  | { kind: 'error'; message: string };

interface LinkFieldProps {
  role: Role;
  link: string;
  copyable: boolean;
  first: boolean;
  /** Just replaced: says so. */
  replaced: boolean;
  /** The owner may revoke this link for a new one: resolves to what went wrong, or null. */
  onReplace?: (role: Role) => Promise<string | null>;
}

function LinkField({ role, link, copyable, first, replaced, onReplace }: LinkFieldProps) {
  const { fieldRef: ref, outcome: said, copy } = useCopyLink(link, { copied: SHARE_WORDS.copied(role), failed: SHARE_WORDS.copyFailed });
  const [replacing, setReplacing] = useState<'ask' | 'working' | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const doReplace = async () => {
    if (!onReplace) return;
    setReplacing('working');
    const failed = await onReplace(role);
    setReplacing(null);
    setProblem(failed);
  };
  const status = problem ?? (replaced ? SHARE_WORDS.replaced(role) : (said?.text ?? ''));
  return (
    <div className="team-link" data-testid={`team-link-${role}`}>
      <label className="field">
        <span>{role === 'owner' ? SHARE_WORDS.ownerNote : SHARE_WORDS.linkLabel(role)}</span>
        <input ref={ref} readOnly value={link} onFocus={(e) => e.currentTarget.select()} data-testid={`team-link-field-${role}`} />
      </label>
      {copyable ? (
        <div className="team-link-copy">
          <button type="button" onClick={() => void copy()} data-testid={`team-copy-${role}`} data-autofocus={first ? true : undefined}>
            {SHARE_WORDS.copy(role)}
          </button>
          {onReplace && replacing === null ? (
            <button type="button" onClick={() => setReplacing('ask')} data-testid={`team-revoke-${role}`}>
              {SHARE_WORDS.revoke(role)}
            </button>
          ) : null}
          <span className={`share-copied${problem || (said && !said.ok && !replaced) ? ' is-error' : ''}`} role="status" data-testid={`team-said-${role}`}>
            {status}
          </span>
        </div>
      ) : null}
      {onReplace && replacing !== null ? (
        <div className="team-revoke-ask" role="group" aria-label={SHARE_WORDS.revoke(role)}>
          <p>{SHARE_WORDS.revokeWarning(role)}</p>
          <button type="button" className="danger" disabled={replacing === 'working'} onClick={() => void doReplace()} data-testid={`team-revoke-confirm-${role}`}>
            {SHARE_WORDS.revokeConfirm(role)}
          </button>
          <button type="button" disabled={replacing === 'working'} onClick={() => setReplacing(null)}>
            {SHARE_WORDS.keep}
          </button>
        </div>
      ) : null}
    </div>
  );
}

export function ShareTeamDialog({ state, onClose, onReplace }: { state: ShareDialogState; onClose: () => void; onReplace?: (role: Role) => Promise<string | null> }) {
  return (
    <Dialog title={SHARE_WORDS.dialogTitle} testId="team-dialog" className="snapshot-dialog share-dialog team-dialog" onClose={onClose}>
      {state.kind === 'working' ? (
        <p role="status" data-testid="team-working">
          {SHARE_WORDS.working}
        </p>
      ) : state.kind === 'error' ? (
        <p className="import-error" role="alert" data-testid="team-error">
          {state.message}
        </p>
      ) : state.kind === 'joined' ? (
        <p data-testid="team-joined">{SHARE_WORDS.joined}</p>
      ) : (
        <>
          <p>{SHARE_WORDS.intro}</p>
          <LinkField role="editor" link={state.links.editor} copyable first replaced={state.replaced === 'editor'} onReplace={onReplace} />
          <LinkField role="viewer" link={state.links.viewer} copyable first={false} replaced={state.replaced === 'viewer'} onReplace={onReplace} />
          <LinkField role="owner" link={state.links.owner} copyable={false} first={false} replaced={false} />
          <p className="team-note">
            {SHARE_WORDS.localCopy} {SHARE_WORDS.expires(state.expires)}
          </p>
        </>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onClose} data-autofocus={state.kind === 'links' ? undefined : true} data-testid="team-close">
          {SHARE_WORDS.close}
        </button>
      </div>
    </Dialog>
  );
}
