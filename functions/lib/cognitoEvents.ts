// The parts of Cognito's trigger events these functions read (the full shapes are in AWS's
// "Customizing user pool workflows with Lambda triggers" guide; @types/aws-lambda is not a dependency).

/** Fields every user pool trigger event carries. */
export interface CognitoTriggerEvent {
  version?: string;
  triggerSource: string;
  region?: string;
  userPoolId: string;
  userName: string;
  callerContext?: { awsSdkVersion?: string; clientId?: string | null };
  request: { userAttributes: Record<string, string | undefined>; clientMetadata?: Record<string, string> };
  response: Record<string, unknown>;
}

/** The PreSignUp trigger's event (triggerSource PreSignUp_SignUp | PreSignUp_AdminCreateUser | PreSignUp_ExternalProvider). */
export interface PreSignUpEvent extends CognitoTriggerEvent {
  request: CognitoTriggerEvent['request'] & { validationData?: Record<string, string> };
  response: { autoConfirmUser?: boolean; autoVerifyEmail?: boolean; autoVerifyPhone?: boolean };
}

/** The PostConfirmation trigger's event (triggerSource PostConfirmation_ConfirmSignUp | PostConfirmation_ConfirmForgotPassword). */
export type PostConfirmationEvent = CognitoTriggerEvent;

/** Checks the fields a Cognito trigger handler relies on; throws a plain Error otherwise. */
export function assertCognitoEvent(event: unknown): asserts event is CognitoTriggerEvent {
  const candidate = event as Partial<CognitoTriggerEvent> | null;
  const attributes = candidate?.request?.userAttributes;
  if (
    typeof candidate?.triggerSource !== 'string' ||
    typeof candidate.userPoolId !== 'string' ||
    typeof candidate.userName !== 'string' ||
    typeof attributes !== 'object' ||
    attributes === null
  ) {
    throw new Error('Not a Cognito user pool trigger event.');
  }
}
