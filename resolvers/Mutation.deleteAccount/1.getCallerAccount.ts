// @function getCallerAccount
// This step is the shared AppSync function resolvers/functions/getCallerAccount.ts.
