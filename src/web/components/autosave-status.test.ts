import { describe, expect, it } from 'vitest';
import { autosaveStatusText } from './autosave-status';

describe('autosaveStatusText', () => {
  it.each([
    [true, false, null, 'Saving…'],
    [true, true, '2026-11-02T15:04:05Z', 'Saving…'],
    [false, true, '2026-11-02T15:04:05Z', 'Unsaved changes'],
    [false, false, null, 'No changes yet'],
  ] as const)('saving %s, dirty %s, saved at %s: %s', (saving, dirty, savedAt, text) => {
    expect(autosaveStatusText({ saving, dirty, savedAt })).toBe(text);
  });

  it('names the time of the last save in the browser’s zone', () => {
    const text = autosaveStatusText({ saving: false, dirty: false, savedAt: '2026-11-02T15:04:05Z' });
    expect(text).toMatch(/^Saved at /);
    expect(text).toContain(':04:05');
  });
});
