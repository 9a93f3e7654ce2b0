import { describe, expect, it } from 'vitest';
import { parseCodes } from './codes-input';

describe('parseCodes', () => {
  it.each([
    ['F33.1', ['F33.1']],
    ['f33.1, F41.1', ['F33.1', 'F41.1']],
    ['F33.1\nF41.1;Z63.0', ['F33.1', 'F41.1', 'Z63.0']],
    [' F10.20 ;  , ', ['F10.20']],
    ['', []],
  ])('%j → %j', (text, codes) => {
    expect(parseCodes(text)).toEqual(codes);
  });
});
