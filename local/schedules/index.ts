// Scheduled EventBridge rules, run locally (README "Leaving ProLynk").
export { loadSchedules, rateExpressionMs } from './loadSchedules.ts';
export type { LoadedSchedules, ScheduleDefinition } from './loadSchedules.ts';
export { scheduledEvent } from './scheduledEvent.ts';
export { startSchedules } from './startSchedules.ts';
export type { Scheduler, SchedulerOptions } from './startSchedules.ts';
