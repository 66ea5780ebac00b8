import { resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadSchedules, rateExpressionMs, scheduledEvent, startSchedules } from '../../../local/schedules/index.ts';
import type { CfnTemplate } from '../../../local/template/index.ts';
import { loadCloudAssembly } from '../../../local/template/index.ts';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');

afterEach(() => {
  vi.useRealTimers();
});

describe('rate expressions', () => {
  it.each([
    ['rate(1 minute)', 60_000],
    ['rate(5 minutes)', 300_000],
    ['rate(2 hours)', 7_200_000],
    ['rate(1 day)', 86_400_000],
  ])('%s is %d ms', (expression, ms) => {
    expect(rateExpressionMs(expression)).toBe(ms);
  });

  it.each(['rate(1 minutes)', 'rate(5 minute)', 'rate(0 minutes)', 'cron(0 12 * * ? *)', 'rate(5 seconds)'])(
    'refuses %s as EventBridge does (or as the local scheduler cannot serve)',
    (expression) => {
      expect(rateExpressionMs(expression)).toBeNull();
    },
  );
});

describe('loadSchedules', () => {
  it("finds the synthesized stack's schedules: the reconciler every 5 minutes, the API key renewal daily", () => {
    const { template } = loadCloudAssembly(resolve(ROOT, 'cdk.out'));
    const { schedules, unsupported } = loadSchedules(template);

    expect(unsupported).toEqual([]);
    const byFunction = (pattern: RegExp) => schedules.filter((s) => pattern.test(s.functionLogicalId));
    expect(schedules).toHaveLength(2);
    expect(byFunction(/Reconciler/).map((s) => s.everyMs)).toEqual([300_000]);
    expect(byFunction(/ApiKeyRenewal/).map((s) => s.everyMs)).toEqual([86_400_000]);
    for (const s of schedules) expect(template.Resources[s.functionLogicalId].Type).toBe('AWS::Lambda::Function');
  });

  it('reports cron rules and skips disabled ones and targets that are not functions', () => {
    const template: CfnTemplate = {
      Resources: {
        Fn: { Type: 'AWS::Lambda::Function' },
        Queue: { Type: 'AWS::SQS::Queue' },
        Cron: { Type: 'AWS::Events::Rule', Properties: { ScheduleExpression: 'cron(0 1 * * ? *)', Targets: [] } },
        Off: {
          Type: 'AWS::Events::Rule',
          Properties: {
            ScheduleExpression: 'rate(1 hour)',
            State: 'DISABLED',
            Targets: [{ Arn: { 'Fn::GetAtt': ['Fn', 'Arn'] } }],
          },
        },
        ToQueue: {
          Type: 'AWS::Events::Rule',
          Properties: { ScheduleExpression: 'rate(1 hour)', Targets: [{ Arn: { 'Fn::GetAtt': ['Queue', 'Arn'] } }] },
        },
        WithInput: {
          Type: 'AWS::Events::Rule',
          Properties: {
            ScheduleExpression: 'rate(1 hour)',
            Targets: [{ Arn: { 'Fn::GetAtt': ['Fn', 'Arn'] }, Input: '{"task":"x"}' }],
          },
        },
      },
    };
    const loaded = loadSchedules(template);

    expect(loaded.schedules).toEqual([
      { ruleId: 'WithInput', functionLogicalId: 'Fn', everyMs: 3_600_000, input: { task: 'x' } },
    ]);
    expect(loaded.unsupported.map((u) => u.ruleId)).toEqual(['Cron', 'ToQueue']);
  });
});

describe('startSchedules', () => {
  it('invokes each target once per interval with the scheduled event, never at start', async () => {
    vi.useFakeTimers({ now: new Date('2030-01-01T00:00:00.000Z') });
    const calls: { fn: string; event: any }[] = [];
    const scheduler = startSchedules({
      schedules: [{ ruleId: 'Rule', functionLogicalId: 'Fn', everyMs: 60_000 }],
      invoke: async (fn, event) => {
        calls.push({ fn, event });
        return {};
      },
      region: 'us-east-1',
      account: '000000000000',
    });

    expect(calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(60_000 * 3);
    scheduler.stop();
    await vi.advanceTimersByTimeAsync(60_000 * 3);

    expect(calls.map((c) => c.event.time)).toEqual([
      '2030-01-01T00:01:00Z',
      '2030-01-01T00:02:00Z',
      '2030-01-01T00:03:00Z',
    ]);
    expect(calls[0]).toMatchObject({
      fn: 'Fn',
      event: {
        'detail-type': 'Scheduled Event',
        source: 'aws.events',
        account: '000000000000',
        region: 'us-east-1',
        resources: ['arn:aws:events:us-east-1:000000000000:rule/Rule'],
        detail: {},
      },
    });
  });

  it('sends a target its constant Input instead of the scheduled event', () => {
    expect(
      scheduledEvent({ ruleId: 'R', functionLogicalId: 'F', everyMs: 1, input: { a: 1 } }, new Date(), 'r', 'acct'),
    ).toEqual({ a: 1 });
  });
});
