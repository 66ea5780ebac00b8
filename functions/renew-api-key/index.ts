// Keeps the public-read API key from expiring (README "API key renewal"): daily from an EventBridge
// schedule, and once at deploy as a CloudFormation custom resource, every key of the API is pushed
// API_KEY_VALIDITY_DAYS ahead. ApiKeyDaysLeft (EMF) feeds the expiry alarm, which also fires when
// the metric stops arriving.
import { AppSyncClient } from '@aws-sdk/client-appsync';
import { readEnvironment } from '../lib/environment.ts';
import { createPowertools, MetricUnit, withPowertools } from '../lib/powertools.ts';
import { appSyncKeyOperations } from './appsyncKeys.ts';
import { customResourceResponse, isCustomResourceEvent, sendCustomResourceResponse } from './customResource.ts';
import type { RenewalOutcome } from './renewKeys.ts';
import { renewApiKeys } from './renewKeys.ts';

const env = readEnvironment('renew-api-key');
const tools = createPowertools('renew-api-key');
const keys = appSyncKeyOperations(tools.tracer.captureAWSv3Client(new AppSyncClient({})));
const validityDays = Number(env.API_KEY_VALIDITY_DAYS);

async function renew(): Promise<RenewalOutcome> {
  const outcome = await renewApiKeys(keys, env.GRAPHQL_API_ID, new Date(), validityDays);
  if (outcome.daysLeft !== undefined) tools.metrics.addMetric('ApiKeyDaysLeft', MetricUnit.Count, outcome.daysLeft);
  const failed = outcome.keys.filter((key) => !key.renewed);
  const fields = { operation: 'renewApiKeys', keys: outcome.keys, earliestExpiry: expiryText(outcome.earliestExpiry) };
  if (failed.length > 0) {
    tools.logger.error('api key renewal failed', { ...fields, outcome: 'error' });
    throw new Error(`Could not renew ${failed.map((key) => key.id).join(', ')}: ${failed[0].error}`);
  }
  tools.logger.info('api keys renewed', { ...fields, outcome: 'ok' });
  return outcome;
}

/** Scheduled event or CloudFormation custom resource request: renews the keys (a Delete does nothing). */
export const handler = withPowertools(tools, async (event: unknown): Promise<unknown> => {
  if (!isCustomResourceEvent(event)) return renew();
  const physicalId = `${env.GRAPHQL_API_ID}-api-key-renewal`;
  let result: Parameters<typeof customResourceResponse>[2];
  try {
    const outcome = event.RequestType === 'Delete' ? undefined : await renew();
    result = { ok: true, data: { Expires: expiryText(outcome?.earliestExpiry) } };
  } catch (error) {
    result = { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
  await sendCustomResourceResponse(event, customResourceResponse(event, physicalId, result));
  return result;
});

function expiryText(epochSeconds: number | undefined): string {
  return epochSeconds === undefined ? 'no key' : new Date(epochSeconds * 1000).toISOString();
}
