// The Lambda trigger events a federated sign-in sends, in the shapes AWS documents ("Pre sign-up
// Lambda trigger", "Post confirmation Lambda trigger"); the handlers read them through
// functions/lib/cognitoEvents.ts.
import { LOCAL_REGION } from '../awsConfig.ts';

interface EventSource {
  userPoolId: string;
  userName: string;
  clientId: string;
  userAttributes: Record<string, string>;
}

function common(source: EventSource, triggerSource: string) {
  return {
    version: '1',
    region: LOCAL_REGION,
    userPoolId: source.userPoolId,
    userName: source.userName,
    callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: source.clientId },
    triggerSource,
  };
}

/** PreSignUp_ExternalProvider: the first sign-in of an external identity, before its user exists. */
export function preSignUpExternalProviderEvent(source: EventSource) {
  return {
    ...common(source, 'PreSignUp_ExternalProvider'),
    request: { userAttributes: source.userAttributes, validationData: {} },
    response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
  };
}

/** PostConfirmation_ConfirmSignUp for the user a federated sign-in created (status EXTERNAL_PROVIDER). */
export function postConfirmationEvent(source: EventSource) {
  return {
    ...common(source, 'PostConfirmation_ConfirmSignUp'),
    request: { userAttributes: { ...source.userAttributes, 'cognito:user_status': 'EXTERNAL_PROVIDER' } },
    response: {},
  };
}
