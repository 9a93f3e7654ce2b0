import { describe, expect, it } from 'vitest';
import { dictionaryEntries, dictionaryKeys, fill } from './i18n.js';

describe('public site dictionaries', () => {
  it('English and Spanish have exactly the same keys', () => {
    expect(dictionaryKeys('es')).toEqual(dictionaryKeys('en'));
  });

  it('use the same placeholders in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    const es = new Map(dictionaryEntries('es'));
    for (const [key, text] of dictionaryEntries('en')) expect([key, placeholders(es.get(key) ?? '')]).toEqual([key, placeholders(text)]);
  });

  it('leave no Spanish string empty where the English one has text', () => {
    const es = new Map(dictionaryEntries('es'));
    const empty = dictionaryEntries('en')
      .filter(([key, text]) => text !== '' && (es.get(key) ?? '') === '')
      .map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it('translate every string of the plan signing page, none left in English', () => {
    const es = new Map(dictionaryEntries('es'));
    const signPlan = dictionaryEntries('en').filter(([key]) => key.startsWith('signPlan.'));
    expect(signPlan.length).toBeGreaterThan(20);
    const untranslated = signPlan.filter(([key, text]) => es.get(key) === text).map(([key]) => key);
    expect(untranslated).toEqual([]);
  });

  it('fills placeholders', () => {
    expect(fill('within {time}', { time: '60 minutes' })).toBe('within 60 minutes');
    expect(fill('{missing}')).toBe('{missing}');
  });
});
