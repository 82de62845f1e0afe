'use client';
/**
 * Opens the decision analysis panel when its command runs, as a dialog.
 * The panel (and the evaluator it brings) loads when first opened.
 */
import { useCallback, useState } from 'react';
import dynamic from 'next/dynamic';
import { useCommandUi } from '../CommandProvider';
import { Dialog } from '../Dialog';
import { PANEL } from '@/lib/messages/decision';

const AnalysisPanel = dynamic(() => import('./AnalysisPanel').then((m) => m.AnalysisPanel), { ssr: false });

export function AnalysisHost() {
  const [open, setOpen] = useState(false);
  const openAnalysis = useCallback(() => setOpen(true), []);
  useCommandUi({ openAnalysis });
  if (!open) return null;
  return (
    <Dialog title={PANEL.title} className="analysis-dialog" testId="analysis-panel" onClose={() => setOpen(false)}>
      <AnalysisPanel onClose={() => setOpen(false)} />
    </Dialog>
  );
}
