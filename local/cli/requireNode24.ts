// The project runs on Node 24, the version Lambda runs its functions on (`nodejs24.x`). npm
// scripts find it as node_modules/.bin/node (the registry's node-<platform> package); started any
// other way on an older Node, the CLIs stop here with a way out instead of failing obscurely later.
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  process.stderr.write(
    `ProLynk runs on Node 24 (Lambda's nodejs24.x); this is Node ${process.version}.\n` +
      'Run it through npm (npm start, npm test, npm run …), which uses the Node 24 that `npm ci` installed ' +
      'into node_modules/.bin, or install Node 24 yourself.\n',
  );
  process.exit(1);
}
