// Two-letter USPS codes of the places a US clinician can hold a licence and a patient can live:
// the 50 states, the District of Columbia and the five inhabited territories.
export const US_STATE_CODES = [
  'AL', 'AK', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DE', 'FL', 'GA', 'HI', 'ID', 'IL', 'IN', 'IA', 'KS', 'KY',
  'LA', 'ME', 'MD', 'MA', 'MI', 'MN', 'MS', 'MO', 'MT', 'NE', 'NV', 'NH', 'NJ', 'NM', 'NY', 'NC', 'ND',
  'OH', 'OK', 'OR', 'PA', 'RI', 'SC', 'SD', 'TN', 'TX', 'UT', 'VT', 'VA', 'WA', 'WV', 'WI', 'WY',
  'DC', 'PR', 'GU', 'VI', 'AS', 'MP',
] as const;

export type UsStateCode = (typeof US_STATE_CODES)[number];

/** The code in its stored form (trimmed, upper case), or null when it names no US state or territory. */
export function parseUsStateCode(value: string): UsStateCode | null {
  const code = value.trim().toUpperCase();
  return US_STATE_CODES.find((state) => state === code) ?? null;
}
