import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLambdaDataSource } from '../../../local/appsync/dataSources/lambda.ts';
import type { DataSourceCallContext } from '../../../local/appsync/runtime/contract.ts';
import type { InternalFault } from '../../../local/http/internalFaults.ts';
import { createLambdaRunner } from '../../../local/lambda/createLambdaRunner.ts';
import type { LambdaRunner } from '../../../local/lambda/createLambdaRunner.ts';
import { fixtureFunction } from './functionDefinition.ts';

const callContext = {} as DataSourceCallContext;

describe('AppSync Lambda data source', () => {
  let runner: LambdaRunner;

  beforeAll(() => {
    runner = createLambdaRunner(
      [
        fixtureFunction('PresignFunction', 'echo'),
        fixtureFunction('DisabledFunction', 'echo', { reservedConcurrency: 0 }),
      ],
      { logs: 'ignore' },
    );
  });
  afterAll(async () => {
    await runner.close();
  });

  it("invokes the function with the request's payload as the event; ctx.result is its return value", async () => {
    const dataSource = createLambdaDataSource({ name: 'PresignLambda', functionName: 'PresignFunction', runner });

    const outcome = await dataSource.invoke(
      { operation: 'Invoke', payload: { sub: 'u1', input: { fileType: 'resume' } } },
      callContext,
    );

    expect(dataSource.type).toBe('AWS_LAMBDA');
    expect(outcome.error).toBeUndefined();
    expect(outcome.result).toMatchObject({ event: { sub: 'u1', input: { fileType: 'resume' } } });
  });

  it('reports a throttled invocation as ctx.error of type Lambda:TooManyRequestsException (docs/appsync-facts.md §5)', async () => {
    const dataSource = createLambdaDataSource({ name: 'Disabled', functionName: 'DisabledFunction', runner });

    const outcome = await dataSource.invoke({ operation: 'Invoke', payload: {} }, callContext);

    expect(outcome).toEqual({ error: { type: 'Lambda:TooManyRequestsException', message: 'Rate Exceeded.' } });
  });

  it('turns a function error into ctx.error of type Lambda:Unhandled with the error message (docs/appsync-facts.md §5)', async () => {
    const dataSource = createLambdaDataSource({ name: 'PresignLambda', functionName: 'PresignFunction', runner });

    const outcome = await dataSource.invoke(
      { operation: 'Invoke', payload: { throw: { name: 'BadRequest', message: 'no' } } },
      callContext,
    );

    expect(outcome).toEqual({ error: { type: 'Lambda:Unhandled', message: 'no' } });
  });

  it('sends a BatchInvoke as a list of one payload', async () => {
    const dataSource = createLambdaDataSource({ name: 'PresignLambda', functionName: 'PresignFunction', runner });

    const outcome = await dataSource.invoke({ operation: 'BatchInvoke', payload: { n: 1 } }, callContext);

    expect(outcome.error).toBeUndefined();
    expect(outcome.result).toMatchObject({ event: [{ n: 1 }] });
  });

  it('reports an asynchronous (Event) invocation of a missing function as an error, without an unhandled rejection', async () => {
    // Lambda's Invoke API answers ResourceNotFoundException for every invocation type, Event included.
    const rejections: unknown[] = [];
    const record = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', record);
    try {
      const dataSource = createLambdaDataSource({ name: 'Gone', functionName: 'NoSuchFunction', runner });

      const outcome = await dataSource.invoke(
        { operation: 'Invoke', invocationType: 'Event', payload: {} },
        callContext,
      );
      // Node reports an unhandled rejection once the microtasks of the turn that made it have run.
      await new Promise((resolve) => setImmediate(resolve));

      expect(outcome.error?.message).toContain('NoSuchFunction');
      expect(rejections).toEqual([]);
    } finally {
      process.off('unhandledRejection', record);
    }
  });

  it('reports an Event invocation the runner refuses as an internal fault; AppSync still gets null at once', async () => {
    const closed = createLambdaRunner([fixtureFunction('PresignFunction', 'echo')], { logs: 'ignore' });
    await closed.close();
    const faults: InternalFault[] = [];
    const dataSource = createLambdaDataSource({
      name: 'PresignLambda',
      functionName: 'PresignFunction',
      runner: closed,
      faults: (fault) => faults.push(fault),
    });

    const outcome = await dataSource.invoke({ operation: 'Invoke', invocationType: 'Event', payload: {} }, callContext);

    expect(outcome).toEqual({ result: null });
    await expect
      .poll(() => faults)
      .toEqual([
        {
          component: 'AppSync Lambda data source',
          activity: 'the Event invocation of PresignFunction',
          error: new Error('The Lambda runner is closed.'),
        },
      ]);
  });

  it('refuses a request whose operation is neither Invoke nor BatchInvoke', async () => {
    const dataSource = createLambdaDataSource({ name: 'PresignLambda', functionName: 'PresignFunction', runner });

    const outcome = await dataSource.invoke({ operation: 'GetItem' }, callContext);

    expect(outcome.error?.message).toContain('Invoke or BatchInvoke');
  });
});
