// The template's scheduled EventBridge rules that target Lambda functions (README "Leaving
// ProLynk": the account reconciler), read into what the local scheduler runs. Only rate()
// expressions are served locally; a cron() rule is reported so nobody expects it to run.
import { referencedLogicalId, resourcesOfType } from '../template/cloudFormation.ts';
import type { CfnTemplate } from '../template/cloudFormation.ts';

/** One schedule → function target. */
export interface ScheduleDefinition {
  /** The rule's logical ID. */
  ruleId: string;
  /** The target function's logical ID (what the Lambda runner finds it by). */
  functionLogicalId: string;
  /** The interval of a rate() expression, in milliseconds. */
  everyMs: number;
  /** The target's constant Input, when it has one (else EventBridge sends the scheduled event). */
  input?: unknown;
}

/** What loadSchedules found: the schedules it serves, and the rules it cannot. */
export interface LoadedSchedules {
  schedules: ScheduleDefinition[];
  unsupported: { ruleId: string; reason: string }[];
}

const UNIT_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** The interval of `rate(<n> <unit>)` in milliseconds, or null for anything else. */
export function rateExpressionMs(expression: string): number | null {
  const match = /^rate\(\s*(\d+)\s+(minute|minutes|hour|hours|day|days)\s*\)$/.exec(expression.trim());
  if (match === null) return null;
  const count = Number(match[1]);
  const unit = match[2].replace(/s$/, '');
  // EventBridge wants the singular for 1 and the plural otherwise.
  if (count === 0 || (count === 1) !== (match[2] === unit)) return null;
  return count * UNIT_MS[unit];
}

/** The enabled scheduled rules of `template` whose targets are functions of the template. */
export function loadSchedules(template: CfnTemplate): LoadedSchedules {
  const loaded: LoadedSchedules = { schedules: [], unsupported: [] };
  for (const [ruleId, rule] of resourcesOfType(template, 'AWS::Events::Rule')) {
    const properties = rule.Properties ?? {};
    const expression = properties.ScheduleExpression;
    if (typeof expression !== 'string' || properties.State === 'DISABLED') continue;
    const everyMs = rateExpressionMs(expression);
    if (everyMs === null) {
      loaded.unsupported.push({ ruleId, reason: `${expression} is not a rate() expression` });
      continue;
    }
    for (const target of (properties.Targets ?? []) as { Arn?: unknown; Input?: unknown }[]) {
      const functionLogicalId = referencedLogicalId(target.Arn);
      if (functionLogicalId === undefined || template.Resources[functionLogicalId]?.Type !== 'AWS::Lambda::Function') {
        loaded.unsupported.push({ ruleId, reason: 'a target that is not a function of this template' });
        continue;
      }
      const input = typeof target.Input === 'string' ? (JSON.parse(target.Input) as unknown) : undefined;
      loaded.schedules.push({ ruleId, functionLogicalId, everyMs, ...(input === undefined ? {} : { input }) });
    }
  }
  return loaded;
}
