import { describe, expect, it } from 'vitest';
import { savedAtText } from './note-format';

describe('savedAtText', () => {
  it.each([
    [null, true, false, 'Saving…'],
    [null, false, true, 'Unsaved changes'],
    [null, false, false, 'No changes yet'],
  ] as const)('saved %s, saving %s, dirty %s: %s', (savedAt, saving, dirty, text) => {
    expect(savedAtText(savedAt, saving, dirty)).toBe(text);
  });

  it('names the time of the last save', () => {
    expect(savedAtText('2026-11-02T15:04:05Z', false, false)).toMatch(/^Saved at /);
  });
});
