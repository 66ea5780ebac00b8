// The client the data sources call DynamoDB Local with. Every resolver's data-source call goes
// through it, so its `send` is DynamoDB's JSON protocol over one keep-alive HTTP agent and little
// else: the command's input is the request body, the operation comes from the command's class, and
// the response body is the output. Under a read load the SDK's own `send` was a third of the
// stack's busy CPU (its middleware stack, schema serde and retry bookkeeping), all of it work a
// local endpoint does not need. DynamoDB Local checks only that an Authorization header is present
// (without one it answers MissingAuthenticationToken), never the signature.
//
// What a caller sees stays the SDK's, which is why this is a DynamoDBClient: the same command
// classes go in; errors come out as the SDK's exception classes (`instanceof
// ConditionalCheckFailedException` holds, CancellationReasons and $metadata are set); binary
// attributes are bytes in both directions; network failures and 5xx answers get the SDK standard
// mode's three attempts with jittered backoff (its throttling retries are left out: DynamoDB Local
// never throttles). test/integration/dynamodb/dataSourceClient.test.ts compares it
// with the SDK's default client.
import { Agent, request as httpRequest } from 'node:http';
import * as dynamodb from '@aws-sdk/client-dynamodb';
import { DynamoDBClient, DynamoDBServiceException } from '@aws-sdk/client-dynamodb';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../awsConfig.ts';
import { fromWire, toWire } from './wireJson.ts';

// The shape of a SigV4 header, unsigned: what DynamoDB Local looks for.
const STATIC_AUTHORIZATION = `AWS4-HMAC-SHA256 Credential=${LOCAL_CREDENTIALS.accessKeyId}/20120810/${LOCAL_REGION}/dynamodb/aws4_request, SignedHeaders=host, Signature=local`;
// The SDK's standard retry mode: three attempts, backing off from 100 ms (full jitter).
const MAX_ATTEMPTS = 3;
const BASE_DELAY_MS = 100;

/** One HTTP exchange's outcome. */
interface WireAnswer {
  status: number;
  requestId?: string;
  body: string;
}

/** A DynamoDB client for the local endpoint whose `send` speaks the JSON protocol directly (see above). */
export class DataSourceDynamoDbClient extends DynamoDBClient {
  private readonly url: URL;
  private readonly agent = new Agent({ keepAlive: true });

  constructor(endpoint: string) {
    super({ endpoint, region: LOCAL_REGION, credentials: { ...LOCAL_CREDENTIALS } });
    this.url = new URL(endpoint);
  }

  // Callers see the SDK's overloads (the declared type is DynamoDBClient); the data sources use
  // only the promise form.
  override send(command: { input: object }): Promise<never> {
    const operation = command.constructor.name.replace(/Command$/, '');
    return this.call(operation, toWire(command.input)) as Promise<never>;
  }

  override destroy(): void {
    this.agent.destroy();
    super.destroy();
  }

  private async call(operation: string, body: string): Promise<Record<string, unknown>> {
    for (let attempt = 1; ; attempt++) {
      let answer: WireAnswer;
      try {
        answer = await this.post(operation, body);
      } catch (error) {
        if (attempt >= MAX_ATTEMPTS) throw error;
        await backOff(attempt);
        continue;
      }
      if (answer.status === 200) return { ...(fromWire(answer.body) as object), $metadata: metadata(answer, attempt) };
      if (answer.status >= 500 && attempt < MAX_ATTEMPTS) {
        await backOff(attempt);
        continue;
      }
      throw serviceException(answer, attempt);
    }
  }

  private post(operation: string, body: string): Promise<WireAnswer> {
    return new Promise((resolve, reject) => {
      const request = httpRequest(
        this.url,
        {
          method: 'POST',
          agent: this.agent,
          headers: {
            'content-type': 'application/x-amz-json-1.0',
            'x-amz-target': `DynamoDB_20120810.${operation}`,
            authorization: STATIC_AUTHORIZATION,
            'content-length': Buffer.byteLength(body),
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              requestId: header(response.headers['x-amzn-requestid']),
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  }
}

/** A DynamoDB client for the local endpoint with the data path's lean `send` (see above). */
export function dataSourceDynamoDbClient(endpoint: string): DynamoDBClient {
  return new DataSourceDynamoDbClient(endpoint);
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function metadata(answer: WireAnswer, attempts: number) {
  return { httpStatusCode: answer.status, requestId: answer.requestId, attempts };
}

function backOff(attempt: number): Promise<void> {
  const ms = Math.random() * BASE_DELAY_MS * 2 ** (attempt - 1);
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// The SDK's exception classes by name (ConditionalCheckFailedException, TransactionCanceledException, …).
const EXCEPTIONS = new Map(
  Object.entries(dynamodb).filter(
    (entry): entry is [string, typeof DynamoDBServiceException] =>
      typeof entry[1] === 'function' && entry[1].prototype instanceof DynamoDBServiceException,
  ),
);

/** The error the SDK would throw for a DynamoDB error answer: its modelled class, or the service's base class. */
function serviceException(answer: WireAnswer, attempts: number): Error {
  let parsed: Record<string, unknown> = {};
  try {
    parsed = fromWire(answer.body) as Record<string, unknown>;
  } catch {
    // A body that is not JSON keeps the generic message below.
  }
  const { __type, message, Message, ...fields } = parsed;
  const name = String(__type ?? 'UnknownError')
    .split('#')
    .pop() as string;
  const text = String(message ?? Message ?? `DynamoDB answered HTTP ${answer.status}`);
  const options = {
    ...fields,
    message: text,
    $metadata: metadata(answer, attempts),
    $fault: answer.status >= 500 ? ('server' as const) : ('client' as const),
  };
  // Each modelled exception's constructor takes its own fields besides the message and metadata.
  const Exception = EXCEPTIONS.get(name) as (new (fields: typeof options) => Error) | undefined;
  if (Exception) return new Exception(options);
  return new DynamoDBServiceException({ ...options, name });
}
