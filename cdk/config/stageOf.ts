// The stage a construct is built for, found from the construct itself: constructs deep in the tree
// (every NodeFunction, constructs others will add) read their settings without each parent passing
// the config down. A stack without a stage (a construct's own test stack) gets `local`.
import { Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { stageConfig } from './stages.ts';
import type { StageConfig } from './stages.ts';

const STAGES = new WeakMap<Stack, StageConfig>();

/** Records that `stack` is built for `stage`. */
export function attachStage(stack: Stack, stage: StageConfig): void {
  STAGES.set(stack, stage);
}

/** The stage of the stack `scope` belongs to (`local` when none was attached). */
export function stageOf(scope: IConstruct): StageConfig {
  return STAGES.get(Stack.of(scope)) ?? stageConfig('local');
}
