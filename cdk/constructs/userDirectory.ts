import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { AccountRecovery, Mfa, StringAttribute, UserPool, UserPoolEmail } from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import type { FederationConfig } from '../config/federation.ts';
import { FederatedSignIn } from './federatedSignIn.ts';
import type { SesSender } from '../config/stages.ts';

export interface UserDirectoryProps {
  userPoolName: string;
  clientName: string;
  /** Managed login with Google/LinkedIn for this stage; absent: OAuth stays off (email and password only). */
  federation?: FederationConfig;
  /** USER_PASSWORD_AUTH besides SRP and refresh tokens: only where a stage needs it (cognito-local has no SRP). */
  userPasswordAuth: boolean;
  /** Default RETAIN: users outlive any stack change. */
  removalPolicy?: RemovalPolicy;
  deletionProtection?: boolean;
  /** Mail (verification codes, password resets) through SES; none → Cognito's default sender, about 50 mails a day. */
  sesSender?: SesSender;
}

/** The Cognito user pool of the seed (email sign-in, its custom attributes and password policy) and its app client. */
export class UserDirectory extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  readonly federation?: FederatedSignIn;

  constructor(scope: Construct, id: string, props: UserDirectoryProps) {
    super(scope, id);
    this.userPool = new UserPool(this, 'UserPool', {
      userPoolName: props.userPoolName,
      selfSignUpEnabled: true,
      signInAliases: { email: true },
      autoVerify: { email: true },
      mfa: Mfa.OFF,
      passwordPolicy: {
        minLength: 8,
        requireUppercase: true,
        requireLowercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(7),
      },
      // Attribute names are the seed's; existing users keep their custom:* values.
      customAttributes: {
        fullname: new StringAttribute({ mutable: true }),
        date_of_birth: new StringAttribute({ mutable: true }),
        username: new StringAttribute({ mutable: false }),
        picture: new StringAttribute({ mutable: true }),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      email: props.sesSender
        ? UserPoolEmail.withSES({
            fromEmail: props.sesSender.fromAddress,
            fromName: props.sesSender.fromName,
            replyTo: props.sesSender.replyTo,
            sesVerifiedDomain: props.sesSender.verifiedDomain,
            sesRegion: props.sesSender.region,
          })
        : undefined,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
      deletionProtection: props.deletionProtection,
    });
    // Providers exist before the client that lists them (cdk/constructs/federatedSignIn.ts).
    this.federation = props.federation
      ? new FederatedSignIn(this, 'Federation', { userPool: this.userPool, config: props.federation })
      : undefined;
    this.client = this.userPool.addClient('WebClient', {
      userPoolClientName: props.clientName,
      // A browser/mobile client cannot keep a secret.
      generateSecret: false,
      // SRP keeps the password off the wire; refresh tokens (always allowed) renew sessions.
      authFlows: { userSrp: true, userPassword: props.userPasswordAuth },
      preventUserExistenceErrors: true,
      // Without a stage's federation there is no managed login, so no OAuth callback URLs (CDK would
      // otherwise default to https://example.com).
      ...(this.federation ? this.federation.clientOptions() : { disableOAuth: true }),
    });
    this.federation?.attachClient(this.client);
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason: 'The seed runs without MFA (MFA: Disabled); existing users sign in with email and password only.',
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason:
        'The Plus feature plan (threat protection) is billed per monthly active user; the seed does not use it. Revisit when abuse appears.',
    });
  }
}
