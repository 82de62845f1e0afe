import { shippedScenarios, DEFAULT_SCENARIO_ID } from '@/lib/scenarios';
import { Workspace } from '@/components/Workspace';

export const dynamic = 'force-static';

export default function Home() {
  const scenarios = shippedScenarios();
  const initial = scenarios.find((s) => s.id === DEFAULT_SCENARIO_ID) ?? scenarios[0]!;
  return <Workspace shipped={scenarios} initialId={initial.id} />;
}
