import { dirname, resolve } from 'node:path';
import { AppsyncFunction, Code, FunctionRuntime, Resolver } from 'aws-cdk-lib/aws-appsync';
import type { BaseDataSource, IGraphqlApi } from 'aws-cdk-lib/aws-appsync';
import { Construct } from 'constructs';
import { bundleResolverCode } from '../resolvers/bundleResolverCode.ts';
import { discoverResolvers } from '../resolvers/discoverResolvers.ts';
import type { ResolverWiring } from '../resolvers/discoverResolvers.ts';

export interface AppSyncResolversProps {
  api: IGraphqlApi;
  /** Data sources by the name a `// @dataSource <Name>` header uses. */
  dataSources: Record<string, BaseDataSource>;
  resolversDir: string;
  schemaPath: string;
}

/** Wires every resolver and pipeline function found in the resolvers folder, each as an inline APPSYNC_JS bundle. */
export class AppSyncResolvers extends Construct {
  readonly wiring: ResolverWiring;

  constructor(scope: Construct, id: string, props: AppSyncResolversProps) {
    super(scope, id);
    this.wiring = discoverResolvers({
      resolversDir: props.resolversDir,
      schemaPath: props.schemaPath,
      dataSourceNames: Object.keys(props.dataSources),
    });

    const workingDir = dirname(resolve(props.resolversDir));
    // Inline code puts the exact deployed bundle in the template, which the local runtime executes.
    const functions = new Map<string, AppsyncFunction>();
    for (const plan of this.wiring.functions) {
      functions.set(
        plan.name,
        new AppsyncFunction(this, `Function_${plan.name}`, {
          api: props.api,
          name: plan.name,
          dataSource: props.dataSources[plan.dataSourceName],
          runtime: FunctionRuntime.JS_1_0_0,
          code: Code.fromInline(bundleResolverCode(plan.file, { workingDir })),
        }),
      );
    }

    for (const plan of this.wiring.resolvers) {
      const common = {
        api: props.api,
        typeName: plan.typeName,
        fieldName: plan.fieldName,
        runtime: FunctionRuntime.JS_1_0_0,
        code: Code.fromInline(bundleResolverCode(plan.file, { workingDir })),
      };
      new Resolver(
        this,
        `${plan.typeName}_${plan.fieldName}`,
        plan.kind === 'UNIT'
          ? { ...common, dataSource: props.dataSources[plan.dataSourceName] }
          : { ...common, pipelineConfig: plan.functionNames.map((name) => functions.get(name) as AppsyncFunction) },
      );
    }
  }
}
