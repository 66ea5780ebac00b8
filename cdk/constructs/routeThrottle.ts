// One route's own throttling on an HTTP API stage. RouteSettings is a free-form JSON property, so
// neither the CDK nor cfn-lint checks what goes in it; its keys are the property type's, in
// PascalCase (AWS::ApiGatewayV2::Stage RouteSettings: ThrottlingBurstLimit, ThrottlingRateLimit).
import type { CfnStage, HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';

/** Requests per second, and the bucket that absorbs a burst above it. */
export interface RouteThrottle {
  burstLimit: number;
  rateLimit: number;
}

/** Gives `routeKey` ("GET /path") its own token bucket on `stage`, in place of the stage default. */
export function throttleRoute(stage: HttpStage, routeKey: string, throttle: RouteThrottle): void {
  (stage.node.defaultChild as CfnStage).addPropertyOverride(`RouteSettings.${routeKey}`, {
    ThrottlingBurstLimit: throttle.burstLimit,
    ThrottlingRateLimit: throttle.rateLimit,
  });
}
