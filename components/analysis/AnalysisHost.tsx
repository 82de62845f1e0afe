'use client';
/**
 * Opens the decision analysis panel when its command runs, as a dialog.
 * The panel (and the evaluator it brings) loads when first opened.
 */
import dynamic from 'next/dynamic';
import { useOpenedByCommand } from '../CommandProvider';
import { Dialog } from '../Dialog';
import { PANEL } from '@/lib/messages/decision';

const AnalysisPanel = dynamic(() => import('./AnalysisPanel').then((m) => m.AnalysisPanel), { ssr: false });

export function AnalysisHost() {
  const { open, close } = useOpenedByCommand('openAnalysis');
  if (!open) return null;
  return (
    <Dialog title={PANEL.title} className="panel-dialog analysis-dialog" testId="analysis-panel" closeLabel={PANEL.close} onClose={close}>
      <AnalysisPanel />
    </Dialog>
  );
}
