import { describe, expect, it } from 'vitest';
import type { ResponseDto } from './measures-api';
import { newestFirst } from './measures-format';

const response = (id: string, administeredAt: string): ResponseDto => ({
  id,
  instrument: 'phq-9',
  instrumentVersion: 'v',
  administeredAt,
  complete: true,
  total: 3,
  band: 'minimal',
  flags: [],
  missingItems: [],
  source: 'link',
  enteredBy: null,
});

describe('newestFirst', () => {
  it('merges the instruments and sorts newest first', () => {
    const list = newestFirst([
      { name: 'PHQ-9', responses: [response('a', '2026-11-09T10:00:00Z'), response('b', '2026-11-02T10:00:00Z')] },
      { name: 'GAD-7', responses: [response('c', '2026-11-05T10:00:00Z')] },
    ]);
    expect(list.map((r) => `${r.instrumentName} ${r.id}`)).toEqual(['PHQ-9 a', 'GAD-7 c', 'PHQ-9 b']);
  });
});
