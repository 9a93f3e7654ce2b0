import { describe, expect, it } from 'vitest';
import { waitingText } from './safety-format';

describe('waitingText', () => {
  it.each([
    [0, '0 min'],
    [59, '59 min'],
    [60, '1 h 00 min'],
    [125, '2 h 05 min'],
    [1440, '1 d 0 h'],
    [1440 * 3 + 4 * 60 + 10, '3 d 4 h'],
  ])('%i minutes: %s', (minutes, text) => expect(waitingText(minutes)).toBe(text));
});
