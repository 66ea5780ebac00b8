// AppSync's documented AWSTimestamp range (its scalar description): -1000000000-01-01T00:00Z to
// 1000000000-12-31T23:59:59.999999999Z, in whole seconds.
const MIN_TIMESTAMP = -31557014167219200;
const MAX_TIMESTAMP = 31556889864403199;

/** Whether a value is a valid AWSTimestamp: an integral JSON number of seconds, negatives allowed. */
export function isAwsTimestamp(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= MIN_TIMESTAMP && value <= MAX_TIMESTAMP;
}
