// @function refuseDeletedAccount
// This step is the shared AppSync function resolvers/functions/refuseDeletedAccount.ts.
