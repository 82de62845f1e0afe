'use client';
/**
 * The "Share with my team" dialog: opening the room, then the three
 * invitation links (the editor's and the viewer's to send, each copyable;
 * the owner's kept by the one sharing), or what went wrong.
 */
import { useCopyLink } from '../useCopyLink';
import { Dialog } from '../Dialog';
import { SHARE_WORDS } from '@/lib/messages/sync';
import type { Role } from '@/lib/sync/invite';

export type ShareDialogState =
  | { kind: 'working' }
  | { kind: 'links'; links: Record<Role, string>; expires: string }
  | { kind: 'joined' }
  | { kind: 'error'; message: string };

function LinkField({ role, link, copyable, first }: { role: Role; link: string; copyable: boolean; first: boolean }) {
  const { fieldRef: ref, outcome: said, copy } = useCopyLink(link, { copied: SHARE_WORDS.copied(role), failed: SHARE_WORDS.copyFailed });
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
          <span className={`share-copied${said && !said.ok ? ' is-error' : ''}`} role="status">
            {said?.text ?? ''}
          </span>
        </div>
      ) : null}
    </div>
  );
}

export function ShareTeamDialog({ state, onClose }: { state: ShareDialogState; onClose: () => void }) {
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
          <LinkField role="editor" link={state.links.editor} copyable first />
          <LinkField role="viewer" link={state.links.viewer} copyable first={false} />
          <LinkField role="owner" link={state.links.owner} copyable={false} first={false} />
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
