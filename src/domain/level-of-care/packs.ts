// The packs this installation knows, every version kept: a stored assessment names its pack id and
// version, and the history shows it with that version's words. The plug-in point for a clinic's own
// (e.g. licensed) pack: add it to LOC_PACKS and name it in CURRENT_PACK (docs/domain/level-of-care.md).
import { DEFAULT_PACK } from './default-pack.js';
import type { LocPack } from './pack.js';
import { validatePack } from './validate-pack.js';

export const LOC_PACKS: readonly LocPack[] = [DEFAULT_PACK];

/** The pack new assessments use. */
export const CURRENT_PACK: { id: string; version: number } = { id: DEFAULT_PACK.id, version: DEFAULT_PACK.version };

export function findPack(id: string, version: number): LocPack | undefined {
  return LOC_PACKS.find((pack) => pack.id === id && pack.version === version);
}

export function currentPack(): LocPack {
  const pack = findPack(CURRENT_PACK.id, CURRENT_PACK.version);
  if (!pack) throw new Error(`The current level-of-care pack ${CURRENT_PACK.id} v${CURRENT_PACK.version} is not registered`);
  // A broken pack would give wrong advice: refuse to use it (the unit tests catch this before release).
  const checked = validatePack(pack);
  if (!checked.ok)
    throw new Error(
      `The level-of-care pack ${pack.id} v${pack.version} is invalid: ${checked.issues.map((i) => `${i.path} ${i.message}`).join('; ')}`,
    );
  return pack;
}
