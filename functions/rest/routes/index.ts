// Every route handler, exported under the name routeTable.ts gives it; app.ts checks that each
// row's handler exists with the right shape. A handler added to one of these files needs no line here.
export * from './account.ts';
export * from './links.ts';
export * from './profiles.ts';
export * from './stats.ts';
export * from './uploads.ts';
