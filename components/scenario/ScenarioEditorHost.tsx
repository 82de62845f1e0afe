'use client';
/**
 * Where the Scenario editor lives: registers the "scenario.edit" command's
 * part (opening it) and shows the editor, loaded on first use.
 */
import { useCallback, useState } from 'react';
import dynamic from 'next/dynamic';
import { useCommandUi } from '../CommandProvider';

const ScenarioEditor = dynamic(() => import('./ScenarioEditor').then((m) => m.ScenarioEditor), { ssr: false });

export function ScenarioEditorHost() {
  const [open, setOpen] = useState(false);
  const editScenario = useCallback(() => setOpen(true), []);
  useCommandUi({ editScenario });
  return open ? <ScenarioEditor onClose={() => setOpen(false)} /> : null;
}
