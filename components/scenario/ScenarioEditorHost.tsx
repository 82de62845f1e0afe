'use client';
/**
 * Where the Scenario editor lives: registers the "scenario.edit" command's
 * part (opening it) and shows the editor, loaded on first use.
 */
import dynamic from 'next/dynamic';
import { useOpenedByCommand } from '../CommandProvider';

const ScenarioEditor = dynamic(() => import('./ScenarioEditor').then((m) => m.ScenarioEditor), { ssr: false });

export function ScenarioEditorHost() {
  const { open, close } = useOpenedByCommand('editScenario');
  return open ? <ScenarioEditor onClose={close} /> : null;
}
