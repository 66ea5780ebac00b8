// The event EventBridge sends a target of a scheduled rule when the target has no Input.
import { randomUUID } from 'node:crypto';
import type { ScheduleDefinition } from './loadSchedules.ts';

/** The "Scheduled Event" for `schedule` firing at `time`. */
export function scheduledEvent(schedule: ScheduleDefinition, time: Date, region: string, account: string): unknown {
  if (schedule.input !== undefined) return schedule.input;
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account,
    // EventBridge gives the scheduled minute, to the second.
    time: `${time.toISOString().slice(0, 19)}Z`,
    region,
    resources: [`arn:aws:events:${region}:${account}:rule/${schedule.ruleId}`],
    detail: {},
  };
}
