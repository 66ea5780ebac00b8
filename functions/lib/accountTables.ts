// The tables and index the account-job functions use, named once (cdk/constructs/accountJobs.ts
// passes the table names; the index is the seed's).

/** The GSI of the profiles table that finds a profile row by its owner's sub. */
export const PROFILES_BY_OWNER_INDEX = 'user_id-index';

/** Table names from the environment. */
export interface AccountTables {
  users: string;
  profiles: string;
  links: string;
  accountJobs: string;
}
