// Bounds on what a profile or link may hold. They keep one profile item far below DynamoDB's
// 400 KB item limit and give every client the same clear refusal instead of a DynamoDB
// ValidationException. Worst case, in UTF-8 bytes (multi-byte text everywhere): the text fields
// and skills ≈ 16 KB, projects ≤ 200 KiB and social links ≤ 64 KiB by their byte budgets, so
// ≈ 286 KB. Without the byte budgets the character bounds alone allow ≈ 860 KB.

export const USERNAME_MIN = 3;
export const USERNAME_MAX = 30;
export const FULL_NAME_MAX = 100;
export const TITLE_MAX = 120;
export const BIO_MAX = 2000;
export const SKILLS_MAX = 50;
export const SKILL_MAX = 50;
export const SOCIAL_LINKS_MAX = 20;
/** The social links map, stored, at most this many UTF-8 bytes (20 ASCII URLs of 2,048 chars fit). */
export const SOCIAL_LINKS_BYTES_MAX = 64 * 1024;
export const PLATFORM_MAX = 30;
export const PROJECTS_MAX = 50;
/** The projects list, stored, at most this many UTF-8 bytes. */
export const PROJECTS_BYTES_MAX = 200 * 1024;
export const PROJECT_TITLE_MAX = 120;
export const PROJECT_DESCRIPTION_MAX = 1000;
export const TECH_STACK_MAX = 30;
export const TECH_MAX = 50;
export const URL_MAX = 2048;
export const EMAIL_MAX = 254;
export const PHONE_MAX = 32;
export const COLOR_MAX = 30;
export const ID_MAX = 64;
export const LINK_TITLE_MAX = 100;
export const LINKS_MAX = 100;
export const ORDER_MAX = 10000;

/** Names nobody may claim: they collide with routes, roles or the product itself. */
export const RESERVED_USERNAMES = [
  'admin',
  'administrator',
  'api',
  'app',
  'assets',
  'auth',
  'graphql',
  'help',
  'links',
  'login',
  'logout',
  'me',
  'null',
  'profile',
  'profiles',
  'prolynk',
  'register',
  'root',
  'settings',
  'signin',
  'signup',
  'static',
  'support',
  'system',
  'undefined',
  'upload',
  'upload-url',
  'user',
  'username',
  'users',
  'www',
];
