import { en, type MessageKey } from './en.js';
import { es } from './es.js';

export type Language = 'en' | 'es';
export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

const DICTIONARIES: Record<Language, Readonly<Record<MessageKey, string>>> = { en, es };

/** Replaces {name} placeholders; a placeholder without a value stays visible so a test can catch it. */
export function fill(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match));
}

export function translator(language: Language): Translate {
  const dictionary = DICTIONARIES[language];
  return (key, values) => fill(dictionary[key], values);
}

export function dictionaryKeys(language: Language): string[] {
  return Object.keys(DICTIONARIES[language]).sort();
}

export function dictionaryEntries(language: Language): [string, string][] {
  return Object.entries(DICTIONARIES[language]);
}
