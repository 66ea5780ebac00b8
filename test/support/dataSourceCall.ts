// The smallest resolver context a data source is invoked with: a Query field, no caller, no
// arguments. Suites that call data sources directly share it.
export const DATA_SOURCE_CALL = {
  arguments: {},
  identity: null,
  source: null,
  info: { fieldName: 'f', parentTypeName: 'Query', variables: {} },
  stash: {},
  prev: undefined,
  request: { headers: {} },
};
