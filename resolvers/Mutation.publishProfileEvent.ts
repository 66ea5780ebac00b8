// @dataSource NONE
// The event is the input itself: AppSync fans the mutation's result out to onProfileEvent
// subscribers. Only the stream publisher may call it (@aws_iam on the field).
import type { Context } from '@aws-appsync/utils';
import type { MutationPublishProfileEventArgs } from '../generated/graphql.ts';

export function request(ctx: Context<MutationPublishProfileEventArgs>) {
  return { payload: ctx.args.input };
}

export function response(ctx: Context) {
  return ctx.result;
}
