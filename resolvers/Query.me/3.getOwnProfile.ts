// @function getOwnProfile
// This step is the shared AppSync function resolvers/functions/getOwnProfile.ts.
