/** The user pool of each environment, as synthesized: who can get a token, and what it carries. */
import { DEFAULT_ENVIRONMENTS } from '../../config/environments';
import { resourcesOfType, synthServiceStack, SynthJson } from '../support/synth';

const only = (json: SynthJson, type: string) => {
  const found = resourcesOfType(json, type);
  expect(found).toHaveLength(1);
  return found[0][1];
};

let dev: SynthJson;
let prod: SynthJson;
beforeAll(() => {
  dev = synthServiceStack('dev');
  prod = synthServiceStack('prod');
});

describe('the user pool', () => {
  test('users sign in with their email, are created by operators only, recover by verified email', () => {
    expect(only(prod, 'aws_cognito_user_pool')).toMatchObject({
      name: 'appointments-prod-users',
      username_attributes: ['email'],
      username_configuration: { case_sensitive: false },
      admin_create_user_config: { allow_admin_create_user_only: true },
      account_recovery_setting: { recovery_mechanism: [{ name: 'verified_email', priority: 1 }] },
    });
  });

  test('the tenant is an immutable custom attribute; provider and customer ids are mutable by administrators', () => {
    expect(only(dev, 'aws_cognito_user_pool').schema).toEqual([
      {
        name: 'tenant_id',
        attribute_data_type: 'String',
        mutable: false,
        developer_only_attribute: false,
        required: false,
        string_attribute_constraints: { min_length: '3', max_length: '40' },
      },
      ...['provider_id', 'customer_id'].map((name) => ({
        name,
        attribute_data_type: 'String',
        mutable: true,
        developer_only_attribute: false,
        required: false,
        string_attribute_constraints: { min_length: '1', max_length: '64' },
      })),
    ]);
  });

  test('prod: MFA required (TOTP), threat protection enforced on the PLUS plan, deletion protected and prevent_destroy', () => {
    const password = DEFAULT_ENVIRONMENTS.prod.identity.password;
    expect(only(prod, 'aws_cognito_user_pool')).toMatchObject({
      mfa_configuration: 'ON',
      software_token_mfa_configuration: { enabled: true },
      user_pool_tier: 'PLUS',
      user_pool_add_ons: { advanced_security_mode: 'ENFORCED' },
      deletion_protection: 'ACTIVE',
      lifecycle: { prevent_destroy: true },
      password_policy: {
        minimum_length: password.minimumLength,
        require_lowercase: true,
        require_uppercase: true,
        require_numbers: true,
        require_symbols: true,
        temporary_password_validity_days: password.temporaryPasswordValidityDays,
      },
    });
  });

  test('dev: MFA optional, no threat protection (ESSENTIALS), no deletion protection', () => {
    const pool = only(dev, 'aws_cognito_user_pool');
    expect(pool).toMatchObject({
      mfa_configuration: 'OPTIONAL',
      software_token_mfa_configuration: { enabled: true },
      user_pool_tier: 'ESSENTIALS',
      deletion_protection: 'INACTIVE',
    });
    expect(pool.user_pool_add_ons).toBeUndefined();
    expect(pool.lifecycle).toBeUndefined();
  });

  test('one group per role of the contract, and nothing else', () => {
    const groups = resourcesOfType(prod, 'aws_cognito_user_group').map(([, g]) => g.name);
    expect(groups.sort()).toEqual(['customer', 'provider', 'staff']);
  });
});

describe('the app client', () => {
  test('prod: public (no secret), SRP and refresh only, no existence errors, revocable, lifetimes from configuration', () => {
    const identity = DEFAULT_ENVIRONMENTS.prod.identity;
    expect(only(prod, 'aws_cognito_user_pool_client')).toEqual(
      expect.objectContaining({
        generate_secret: false,
        explicit_auth_flows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        prevent_user_existence_errors: 'ENABLED',
        enable_token_revocation: true,
        id_token_validity: identity.idTokenMinutes,
        access_token_validity: identity.accessTokenMinutes,
        refresh_token_validity: identity.refreshTokenDays,
        token_validity_units: [{ id_token: 'minutes', access_token: 'minutes', refresh_token: 'days' }],
      }),
    );
  });

  test('dev adds the password flow for command-line tokens', () => {
    expect(only(dev, 'aws_cognito_user_pool_client').explicit_auth_flows).toEqual([
      'ALLOW_USER_SRP_AUTH',
      'ALLOW_USER_PASSWORD_AUTH',
      'ALLOW_REFRESH_TOKEN_AUTH',
    ]);
  });

  test('a user may write only their name: no custom attribute, so no one becomes another customer or provider', () => {
    const client = only(prod, 'aws_cognito_user_pool_client');
    expect(client.write_attributes).toEqual(['name']);
    expect(client.read_attributes).toEqual([
      'email',
      'email_verified',
      'name',
      'custom:tenant_id',
      'custom:provider_id',
      'custom:customer_id',
    ]);
  });
});

test('outputs: the pool id, the app client id (the audience) and the issuer URL', () => {
  expect(prod.output).toMatchObject({
    user_pool_id: { value: expect.stringMatching(/^\$\{aws_cognito_user_pool\.[^.]+\.id\}$/) },
    user_pool_client_id: { value: expect.stringMatching(/^\$\{aws_cognito_user_pool_client\.[^.]+\.id\}$/) },
    token_issuer: { value: expect.stringMatching(/^https:\/\/\$\{aws_cognito_user_pool\.[^.]+\.endpoint\}$/) },
  });
});
