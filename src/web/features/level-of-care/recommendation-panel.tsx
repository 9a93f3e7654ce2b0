import { Alert, Text } from '@mantine/core';
import type { LocResult } from '../../../domain/level-of-care/engine';
import { LOC_LEVEL_LABELS, type LocPack } from '../../../domain/level-of-care/pack';
import { ReasonLines } from './reason-lines';

/** The live recommendation, read out politely by screen readers as ratings change. */
export function RecommendationPanel({ pack, result }: { pack: LocPack; result: LocResult }) {
  const rated = result.ok ? pack.dimensions.length : result.reason === 'INCOMPLETE' ? pack.dimensions.length - result.missing.length : 0;
  return (
    <div aria-live="polite" data-testid="recommendation">
      {result.ok ? (
        <Alert color="blue" title={`Recommended: ${LOC_LEVEL_LABELS[result.level]}`}>
          <ReasonLines reasons={result.reasons} />
        </Alert>
      ) : (
        <Alert color="gray" title="No recommendation yet">
          <Text size="sm">
            Rate every dimension to get a recommendation ({rated} of {pack.dimensions.length} rated).
          </Text>
        </Alert>
      )}
    </div>
  );
}
