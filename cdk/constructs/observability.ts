import { Annotations, Duration, Stack, Validations } from 'aws-cdk-lib';
import type { GraphqlApi } from 'aws-cdk-lib/aws-appsync';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { stageOf } from '../config/stageOf.ts';
import { NodeFunction } from './nodeFunction.ts';

export interface ObservabilityProps {
  graphqlApi: GraphqlApi;
  /** The function that reads the DynamoDB streams (its IteratorAge). */
  streamConsumer: NodeFunction;
  /** On-failure destinations whose depth means lost work. */
  deadLetterQueues: IQueue[];
  /** The API key renewal: its function's service name and the validity it sets. */
  apiKeyRenewal: { function: NodeFunction; validityDays: number };
}

const FIVE_MINUTES = Duration.minutes(5);

/**
 * CloudWatch alarms to one SNS topic, mailed to the stage's alarmEmail (README "Alarms" says what
 * each means and what to do). Every NodeFunction of the stack gets its errors and throttles alarms,
 * including functions added later.
 */
export class Observability extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);
    const stage = stageOf(this);
    this.topic = new Topic(this, 'AlarmTopic', { displayName: 'ProLynk alarms', enforceSSL: true });
    Validations.of(this.topic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason:
        'Alarm notifications carry no personal data, and CloudWatch cannot publish to a topic encrypted with the AWS-managed SNS key.',
    });
    if (stage.alarmEmail) this.topic.addSubscription(new EmailSubscription(stage.alarmEmail));
    else if (stage.name !== 'local')
      Annotations.of(this).addWarningV2(
        'prolynk:noAlarmSubscriber',
        `Stage ${stage.name} has no alarmEmail: alarms fire but notify nobody (set it in cdk/config/stages.ts or pass -c alarmEmail=…).`,
      );

    this.apiAlarms(props.graphqlApi);
    for (const fn of Stack.of(this)
      .node.findAll()
      .filter((c): c is NodeFunction => c instanceof NodeFunction))
      this.functionAlarms(fn);
    this.add('StreamIteratorAge', {
      metric: props.streamConsumer.metric('IteratorAge', { statistic: 'Maximum', period: FIVE_MINUTES }),
      threshold: 60_000,
      evaluationPeriods: 3,
      description:
        'Profile events reach subscribers more than a minute late: the stream publisher falls behind or keeps retrying.',
    });
    props.deadLetterQueues.forEach((queue, index) =>
      this.add(`FailedBatches${index || ''}`, {
        metric: queue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: 'Maximum' }),
        threshold: 1,
        description: 'Stream batches were given up after their retries: some profile events were never published.',
      }),
    );
    this.apiKeyAlarm(props.apiKeyRenewal);
  }

  private apiAlarms(api: GraphqlApi): void {
    const metric = (name: string, statistic: string) =>
      new Metric({
        namespace: 'AWS/AppSync',
        metricName: name,
        dimensionsMap: { GraphQLAPIId: api.apiId },
        statistic,
        period: FIVE_MINUTES,
      });
    this.add('Api5xx', {
      metric: metric('5XXError', 'Sum'),
      threshold: 5,
      description: 'The GraphQL API answered requests with 5XX (AppSync internal errors or failing data sources).',
    });
    this.add('ApiLatencyP99', {
      metric: metric('Latency', 'p99'),
      threshold: 2000,
      evaluationPeriods: 3,
      description: 'The slowest 1% of GraphQL requests took over 2 s for 15 minutes.',
    });
  }

  private functionAlarms(fn: NodeFunction): void {
    const name = pascal(fn.source);
    this.add(`${name}Errors`, {
      metric: fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }),
      threshold: 1,
      description: `functions/${fn.source} threw (an unexpected failure, logged with its stack).`,
    });
    this.add(`${name}Throttles`, {
      metric: fn.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' }),
      threshold: 1,
      description: `functions/${fn.source} was throttled: the account's concurrency is exhausted.`,
    });
  }

  // Fires when the renewal stopped working for a week (a year's validity still leaves ~358 days),
  // or when the daily metric stops arriving at all.
  private apiKeyAlarm(renewal: ObservabilityProps['apiKeyRenewal']): void {
    this.add('ApiKeyExpiry', {
      metric: new Metric({
        namespace: Stack.of(this).stackName,
        metricName: 'ApiKeyDaysLeft',
        dimensionsMap: { service: renewal.function.source },
        statistic: 'Minimum',
        period: Duration.days(1),
      }),
      threshold: Math.max(1, renewal.validityDays - 7),
      comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD,
      evaluationPeriods: 2,
      treatMissingData: TreatMissingData.BREACHING,
      description:
        'The API key has not been renewed for days (or the renewal stopped reporting): public reads stop when it expires.',
    });
  }

  private add(
    id: string,
    options: {
      metric: IMetric;
      threshold: number;
      description: string;
      evaluationPeriods?: number;
      comparisonOperator?: ComparisonOperator;
      treatMissingData?: TreatMissingData;
    },
  ): void {
    const alarm = new Alarm(this, id, {
      metric: options.metric,
      threshold: options.threshold,
      evaluationPeriods: options.evaluationPeriods ?? 1,
      comparisonOperator: options.comparisonOperator ?? ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: options.treatMissingData ?? TreatMissingData.NOT_BREACHING,
      alarmDescription: `${options.description} See README "Alarms".`,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
    alarm.addOkAction(new SnsAction(this.topic));
    this.alarms.push(alarm);
  }
}

function pascal(source: string): string {
  return source.replace(/(^|-)([a-z])/g, (_match, _dash, letter: string) => letter.toUpperCase());
}
