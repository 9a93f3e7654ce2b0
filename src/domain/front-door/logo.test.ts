import { describe, expect, it } from 'vitest';
import { sniffLogoType } from './logo.js';

describe('sniffLogoType', () => {
  it.each<[string, number[], string | null]>([
    ['PNG', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0], 'image/png'],
    ['JPEG', [0xff, 0xd8, 0xff, 0xe0], 'image/jpeg'],
    ['WebP', [...Buffer.from('RIFF'), 0, 0, 0, 0, ...Buffer.from('WEBPVP8 ')], 'image/webp'],
    ['RIFF that is not WebP (WAV)', [...Buffer.from('RIFF'), 0, 0, 0, 0, ...Buffer.from('WAVE')], null],
    ['GIF', [...Buffer.from('GIF89a')], null],
    ['SVG text', [...Buffer.from('<svg xmlns=')], null],
    ['a truncated PNG signature', [0x89, 0x50, 0x4e], null],
    ['empty', [], null],
  ])('%s -> %s', (_name, bytes, type) => {
    expect(sniffLogoType(Uint8Array.from(bytes))).toBe(type);
  });
});
