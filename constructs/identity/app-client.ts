import { Construct } from 'constructs';
import { CognitoUserPoolClient } from '@cdktf/provider-aws/lib/cognito-user-pool-client';
import type { IdentitySettings } from '../../config/identity';

/**
 * What a signed-in user may change about themselves with their own access token
 * (UpdateUserAttributes): their display name only. Never a custom attribute: a user who could
 * write `custom:customer_id` could become another customer. Operators change those through the
 * admin API, which this list does not restrict.
 */
export const SELF_WRITABLE_ATTRIBUTES: readonly string[] = ['name'];

export interface AppClientProps {
  /** The pool the client belongs to. */
  readonly userPoolId: string;
  /** Physical name of the client. */
  readonly clientName: string;
  /** Token lifetimes and the sign-in flows the client apps use. */
  readonly settings: Pick<IdentitySettings, 'idTokenMinutes' | 'accessTokenMinutes' | 'refreshTokenDays' | 'authFlows'>;
  /** Custom attributes (`custom:...`) the ID token must carry as claims, beyond email and name. */
  readonly readableAttributes: readonly string[];
}

/**
 * The one app client of the client applications: public (no secret: a secret in a browser or a
 * phone app is no secret), sign-in by SRP and refresh only unless the configuration adds the
 * password flow, errors that never tell whether a user exists, revocable refresh tokens. Its id
 * is the audience (`aud`) of the ID tokens the API accepts.
 */
export class AppClient extends Construct {
  readonly client: CognitoUserPoolClient;

  constructor(scope: Construct, id: string, props: AppClientProps) {
    super(scope, id);
    const { settings } = props;
    this.client = new CognitoUserPoolClient(this, 'Client', {
      name: props.clientName,
      userPoolId: props.userPoolId,
      generateSecret: false,
      explicitAuthFlows: [...settings.authFlows, 'ALLOW_REFRESH_TOKEN_AUTH'],
      preventUserExistenceErrors: 'ENABLED',
      enableTokenRevocation: true,
      idTokenValidity: settings.idTokenMinutes,
      accessTokenValidity: settings.accessTokenMinutes,
      refreshTokenValidity: settings.refreshTokenDays,
      tokenValidityUnits: [{ idToken: 'minutes', accessToken: 'minutes', refreshToken: 'days' }],
      readAttributes: ['email', 'email_verified', 'name', ...props.readableAttributes],
      writeAttributes: [...SELF_WRITABLE_ATTRIBUTES],
    });
  }

  /** The audience of the ID tokens: the client's id. */
  get clientId(): string {
    return this.client.id;
  }
}
