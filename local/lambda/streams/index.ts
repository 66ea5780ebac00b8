// DynamoDB stream event-source mappings, run locally (docs/architecture.md §5).
export { loadEventSourceMappings } from './loadEventSourceMappings.ts';
export type { StreamMappingDefinition } from './loadEventSourceMappings.ts';
export { localStreamArns } from './localStreamArns.ts';
export { localStreamsClient } from './localStreamsClient.ts';
export { startStreamPollers } from './startStreamPollers.ts';
export type { StreamInvokeResult, StreamPollers, StreamPollersOptions } from './startStreamPollers.ts';
export { toLambdaStreamRecord } from './streamRecordEvent.ts';
export type { LambdaStreamRecord } from './streamRecordEvent.ts';
