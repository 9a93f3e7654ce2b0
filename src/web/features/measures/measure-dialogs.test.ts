import { describe, expect, it } from 'vitest';
import { localToday } from '../patients/patient-format';
import { administeredAtOf } from './measure-dialogs';

// The paper-form date: the browser's own day, never a time after now (the server refuses future answers).
describe('paper form date', () => {
  it('is today in the browser zone, and today means now', () => {
    const now = new Date(2026, 10, 27, 9, 30);
    expect(localToday(now)).toBe('2026-11-27');
    expect(administeredAtOf('2026-11-27', now)).toEqual(now);
  });

  it('puts an earlier day at its local noon', () => {
    expect(administeredAtOf('2026-11-20', new Date(2026, 10, 27, 9, 30))).toEqual(new Date(2026, 10, 20, 12, 0));
  });
});
