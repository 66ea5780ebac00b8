// The CloudFormation custom resource protocol, for the renewal that runs at deploy: CloudFormation
// waits for a JSON document PUT to the event's presigned ResponseURL, up to an hour, so every path
// (success, failure, delete) must answer.

/** The fields of a custom resource event the function reads. */
export interface CustomResourceEvent {
  RequestType: 'Create' | 'Update' | 'Delete';
  ResponseURL: string;
  StackId: string;
  RequestId: string;
  LogicalResourceId: string;
  PhysicalResourceId?: string;
}

/** True when `event` is a CloudFormation custom resource request. */
export function isCustomResourceEvent(event: unknown): event is CustomResourceEvent {
  const candidate = event as Partial<CustomResourceEvent> | null;
  return typeof candidate?.RequestType === 'string' && typeof candidate.ResponseURL === 'string';
}

/** The response CloudFormation expects for `event`. */
export function customResourceResponse(
  event: CustomResourceEvent,
  physicalResourceId: string,
  result: { ok: true; data: Record<string, string> } | { ok: false; reason: string },
): Record<string, unknown> {
  return {
    Status: result.ok ? 'SUCCESS' : 'FAILED',
    Reason: result.ok ? 'OK' : result.reason.slice(0, 1000),
    PhysicalResourceId: event.PhysicalResourceId ?? physicalResourceId,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
    ...(result.ok ? { Data: result.data } : {}),
  };
}

/** PUTs `response` to the event's ResponseURL (no Content-Type: the URL was signed without one). */
export async function sendCustomResourceResponse(
  event: CustomResourceEvent,
  response: Record<string, unknown>,
  send: typeof fetch = fetch,
): Promise<void> {
  const body = JSON.stringify(response);
  const answer = await send(event.ResponseURL, { method: 'PUT', body, headers: { 'content-type': '' } });
  if (!answer.ok) throw new Error(`CloudFormation refused the custom resource response: HTTP ${answer.status}`);
}
