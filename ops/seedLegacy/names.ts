// Usernames as seed-era users typed them. The seed only checked that a name was free (seed
// "Pre-Signup Lambda"), so names kept their case and could hold characters today's rules refuse.
import { random } from './random.ts';

const FIRST = [
  'ada',
  'grace',
  'alan',
  'linus',
  'margaret',
  'ken',
  'barbara',
  'dennis',
  'radia',
  'tim',
  'anita',
  'john',
];
const LAST = [
  'lovelace',
  'hopper',
  'turing',
  'torvalds',
  'hamilton',
  'thompson',
  'liskov',
  'ritchie',
  'perlman',
  'lee',
];

/** How a generated name breaks (or keeps) today's username rules. */
export type NameStyle = 'valid' | 'mixed-case' | 'case-variant' | 'invalid-characters' | 'too-long' | 'reserved';

/** Every 100th account copies its predecessor's name in another case: pairs that differ only by case. */
export const CASE_VARIANT_EVERY = 100;
/** The one account that took a name today's list reserves. */
export const RESERVED_INDEX = 11;

function capitalized(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** The style of account `index`'s name (deterministic per seed). */
export function nameStyle(seed: number, index: number): NameStyle {
  if (index === RESERVED_INDEX) return 'reserved';
  if (index % CASE_VARIANT_EVERY === CASE_VARIANT_EVERY - 1) return 'case-variant';
  const roll = random(seed, index * 7 + 1).next();
  if (roll < 0.1) return 'mixed-case';
  if (roll < 0.11) return 'invalid-characters';
  if (roll < 0.115) return 'too-long';
  return 'valid';
}

/** Account `index`'s username, unique across the data set (the index is part of it). */
export function usernameOf(seed: number, index: number): string {
  const style = nameStyle(seed, index);
  if (style === 'reserved') return 'support';
  if (style === 'case-variant') return swapCase(usernameOf(seed, index - 1));
  const r = random(seed, index * 7 + 2);
  const first = r.pick(FIRST);
  const last = r.pick(LAST);
  switch (style) {
    case 'mixed-case':
      return `${capitalized(first)}${capitalized(last)}${index}`;
    case 'invalid-characters':
      return `${first}.${last}${index}`;
    case 'too-long':
      return `${first}_${last}_the_one_and_only_${index}`;
    default:
      return `${first}_${last}${index}`;
  }
}

// Another spelling that differs only by case (a lowercase name becomes Capitalized).
function swapCase(name: string): string {
  return name === name.toLowerCase() ? capitalized(name) : name.toLowerCase();
}
