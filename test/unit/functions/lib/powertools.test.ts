import type { Context } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NotFoundError } from '../../../../functions/lib/errors.ts';
import { runOperation } from '../../../../functions/lib/operationOutcome.ts';
import { createPowertools, MetricUnit, withPowertools } from '../../../../functions/lib/powertools.ts';

const context = (requestId: string): Context =>
  ({
    functionName: 'prolynk-dev-presign',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-1:111122223333:function:prolynk-dev-presign',
    memoryLimitInMB: '256',
    awsRequestId: requestId,
  }) as Context;

let lines: Record<string, unknown>[];

beforeEach(() => {
  lines = [];
  vi.stubEnv('POWERTOOLS_METRICS_NAMESPACE', 'prolynk-test');
  vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
  vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'INFO');
  // What Lambda sets for an on-demand environment; Powertools reports cold starts only there.
  vi.stubEnv('AWS_LAMBDA_INITIALIZATION_TYPE', 'on-demand');
  // Tracing stays off: no AWS_EXECUTION_ENV here, as on a developer's machine.
  // Powertools writes INFO and EMF to stdout, WARN and ERROR to stderr.
  for (const stream of [process.stdout, process.stderr]) {
    vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      return true;
    });
  }
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

const logs = () => lines.filter((line) => 'level' in line);
const emf = () => lines.filter((line) => '_aws' in line);

describe('withPowertools', () => {
  it('logs JSON with the request id and cold start, and flushes the invocation metrics as EMF', async () => {
    const tools = createPowertools('presign');
    const handler = withPowertools(tools, async (event: { n: number }) => {
      tools.logger.info('working', { n: event.n });
      tools.metrics.addMetric('UploadUrlsCreated', MetricUnit.Count, 1);
      return event.n * 2;
    });

    expect(await handler({ n: 2 }, context('req-1'))).toBe(4);
    expect(await handler({ n: 3 }, context('req-2'))).toBe(6);

    expect(logs().map((l) => [l.message, l.function_request_id, l.cold_start, l.service])).toEqual([
      ['working', 'req-1', true, 'presign'],
      ['working', 'req-2', false, 'presign'],
    ]);
    const metrics = emf().filter((line) => 'UploadUrlsCreated' in line);
    expect(metrics).toHaveLength(2);
    expect(metrics[0]).toMatchObject({
      service: 'presign',
      _aws: {
        CloudWatchMetrics: [{ Namespace: 'prolynk-test', Metrics: [{ Name: 'UploadUrlsCreated', Unit: 'Count' }] }],
      },
    });
    expect(emf().filter((line) => 'ColdStart' in line)).toHaveLength(1);
  });

  it('publishes nothing (and warns nothing) for an invocation that counted nothing', async () => {
    const tools = createPowertools('rest');
    await withPowertools(tools, async () => 'ok')({}, context('req-1'));
    await withPowertools(tools, async () => 'ok')({}, context('req-2'));
    expect(logs()).toEqual([]);
    expect(emf().filter((line) => !('ColdStart' in line))).toEqual([]);
  });

  it('emits no metrics where the stage disables them', async () => {
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'true');
    const tools = createPowertools('presign');
    await withPowertools(tools, async () => tools.metrics.addMetric('UploadUrlsCreated', MetricUnit.Count, 1))(
      {},
      context('req-1'),
    );
    expect(emf()).toEqual([]);
  });

  it('passes a thrown error on and drops the keys the invocation appended', async () => {
    const tools = createPowertools('publish');
    const failing = withPowertools(tools, async () => {
      tools.logger.appendKeys({ username: 'ada' });
      throw new Error('boom');
    });
    await expect(failing({}, context('req-1'))).rejects.toThrow('boom');
    tools.logger.info('after');
    expect(logs().at(-1)).not.toHaveProperty('username');
  });
});

describe('runOperation', () => {
  it('logs one outcome line with the keys the work appended', async () => {
    const tools = createPowertools('pre-signup');
    const result = await runOperation(tools, { operation: 'preSignUp', failureMessage: 'try later' }, async () => {
      tools.logger.appendKeys({ username: 'ada' });
      return 'done';
    });
    expect(result).toBe('done');
    expect(logs()).toEqual([
      expect.objectContaining({
        level: 'INFO',
        operation: 'preSignUp',
        outcome: 'ok',
        username: 'ada',
        durationMs: expect.any(Number),
      }),
    ]);
  });

  it('passes a DomainError on as it is, logged as a warning with its errorType', async () => {
    const tools = createPowertools('post-confirmation');
    const refusal = new NotFoundError('No such link.');
    await expect(
      runOperation(
        tools,
        { operation: 'op', failureMessage: 'try later', failureMetric: 'TriggerFailures' },
        async () => {
          throw refusal;
        },
      ),
    ).rejects.toBe(refusal);
    expect(logs()).toEqual([expect.objectContaining({ level: 'WARN', outcome: 'NotFound', reason: 'No such link.' })]);
    expect(tools.metrics.hasStoredMetrics()).toBe(false);
  });

  it('replaces an unexpected failure with the generic message, logging the stack and counting the failure', async () => {
    const tools = createPowertools('post-confirmation');
    await expect(
      runOperation(
        tools,
        { operation: 'op', failureMessage: 'Try again later.', failureMetric: 'TriggerFailures' },
        async () => {
          throw new Error('DynamoDB said no');
        },
      ),
    ).rejects.toThrow(/^Try again later\.$/);
    const [line] = logs();
    expect(line).toMatchObject({ level: 'ERROR', outcome: 'error', error: { message: 'DynamoDB said no' } });
    expect(String((line.error as { stack: string }).stack)).toContain('DynamoDB said no');
    expect(tools.metrics.hasStoredMetrics()).toBe(true);
  });
});
