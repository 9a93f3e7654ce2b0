// Which listed conditions a program treats, for the public "Conditions we treat" page: a condition
// counts when the program lists any of its code families (a program treating F32 treats depression
// even without F33). Stored families: docs/domain/programs.md.
import { CONDITIONS, parseCodeFamily, type ConditionId } from '../programs/conditions.js';

export function conditionsTreatedBy(codeFamilies: readonly string[]): ConditionId[] {
  const listed = new Set(codeFamilies.map((family) => parseCodeFamily(family) ?? family));
  return CONDITIONS.filter((condition) => condition.codeFamilies.some((family) => listed.has(family))).map((condition) => condition.id);
}
