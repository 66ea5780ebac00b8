// Runs the template's scheduled rules against the local Lambda runtime, on their rate: the first
// run one interval after start, as a new rule on EventBridge does. Off in tests (they invoke the
// functions themselves, with the clock they need); on in `npm start`.
import type { ScheduleDefinition } from './loadSchedules.ts';
import { scheduledEvent } from './scheduledEvent.ts';

export interface SchedulerOptions {
  schedules: ScheduleDefinition[];
  /** Invokes the function asynchronously, as EventBridge does; a failure is only logged. */
  invoke: (functionLogicalId: string, event: unknown) => Promise<{ error?: unknown }>;
  region: string;
  account: string;
  log?: (message: string, fields: Record<string, unknown>) => void;
}

/** Running schedules. */
export interface Scheduler {
  stop(): void;
}

/** Starts one timer per schedule. */
export function startSchedules(options: SchedulerOptions): Scheduler {
  const log =
    options.log ?? ((message, fields) => process.stderr.write(`[schedules] ${message} ${JSON.stringify(fields)}\n`));
  const timers = options.schedules.map((schedule) => {
    const timer = setInterval(() => {
      const event = scheduledEvent(schedule, new Date(), options.region, options.account);
      options.invoke(schedule.functionLogicalId, event).then(
        (result) => {
          if (result.error !== undefined) log('scheduled run failed', { rule: schedule.ruleId, error: result.error });
        },
        (error: unknown) => log('scheduled run failed', { rule: schedule.ruleId, error: String(error) }),
      );
    }, schedule.everyMs);
    // A pending schedule never keeps the process alive.
    timer.unref();
    return timer;
  });
  return {
    stop() {
      for (const timer of timers) clearInterval(timer);
    },
  };
}
