import {
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolCommand,
  DeleteUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { CUSTOM_ATTRIBUTES, ROLE_GROUPS } from '../../constructs/identity/user-pool';
import { runUsers, userPoolName } from '../../scripts/users/users';
import { startMotoServer, MotoServer } from '../support/moto-server';

let moto: MotoServer;
let cognito: CognitoIdentityProviderClient;
let poolId: string;

/** A pool shaped like the stack's: email usernames, the custom attributes, the role groups. */
async function createPool(name: string, groups: readonly string[]): Promise<string> {
  const pool = await cognito.send(
    new CreateUserPoolCommand({
      PoolName: name,
      UsernameAttributes: ['email'],
      Schema: CUSTOM_ATTRIBUTES.map((a) => ({ Name: a.name, AttributeDataType: 'String', Mutable: a.mutable })),
    }),
  );
  const id = pool.UserPool?.Id as string;
  for (const group of groups) await cognito.send(new CreateGroupCommand({ UserPoolId: id, GroupName: group }));
  return id;
}

async function users(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runUsers(argv, process.env, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

beforeAll(async () => {
  moto = await startMotoServer();
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: moto.endpoint,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
  });
  cognito = new CognitoIdentityProviderClient({ region: 'us-west-1', endpoint: moto.endpoint });
  poolId = await createPool(userPoolName('dev'), Object.keys(ROLE_GROUPS));
});

afterAll(async () => {
  cognito?.destroy();
  await moto?.stop();
});

const getUser = (email: string, userPoolId = poolId) =>
  cognito.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: email }));
const attributesOf = async (email: string) =>
  Object.fromEntries(((await getUser(email)).UserAttributes ?? []).map((a) => [a.Name, a.Value]));
const groupsOf = async (email: string) =>
  ((await cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: poolId, Username: email }))).Groups ?? []).map(
    (g) => g.GroupName,
  );

describe('npm run users over the Cognito admin API (moto)', () => {
  test('add makes a user with its tenant, role group and ids, found by the environment pool name', async () => {
    const added = await users(
      'add',
      '--env',
      'dev',
      '--tenant',
      'clinic-a',
      '--role',
      'provider',
      '--email',
      'lee@clinic-a.example',
      '--provider-id',
      'dr-lee',
    );
    expect(added).toEqual({
      code: 0,
      out: ['added lee@clinic-a.example to tenant clinic-a as provider; Cognito emails a temporary password'],
      err: [],
    });
    expect(await attributesOf('lee@clinic-a.example')).toEqual(
      expect.objectContaining({
        email: 'lee@clinic-a.example',
        'custom:tenant_id': 'clinic-a',
        'custom:provider_id': 'dr-lee',
      }),
    );
    expect(await groupsOf('lee@clinic-a.example')).toEqual(['provider']);
  });

  test('list shows the tenant users only, by role', async () => {
    await users('add', '--env', 'dev', '--tenant', 'clinic-a', '--role', 'staff', '--email', 'desk@clinic-a.example');
    await users(
      'add',
      '--env',
      'dev',
      '--tenant',
      'clinic-a',
      '--role',
      'customer',
      '--email',
      'pat@example.com',
      '--customer-id',
      'c-42',
    );
    await users('add', '--env', 'dev', '--tenant', 'clinic-b', '--role', 'staff', '--email', 'desk@clinic-b.example');
    const listed = await users('list', '--env', 'dev', '--tenant', 'clinic-a');
    expect(listed.code).toBe(0);
    expect(listed.out.map((line) => line.split(/\s{2,}/))).toEqual([
      ['email', 'role', 'provider/customer id', 'status', 'enabled'],
      ['desk@clinic-a.example', 'staff', '-', 'FORCE_CHANGE_PASSWORD', 'yes'],
      ['lee@clinic-a.example', 'provider', 'dr-lee', 'FORCE_CHANGE_PASSWORD', 'yes'],
      ['pat@example.com', 'customer', 'c-42', 'FORCE_CHANGE_PASSWORD', 'yes'],
      ['3 user(s) in tenant clinic-a'],
    ]);
  });

  test('adding an existing user is refused by name and changes nothing', async () => {
    const again = await users(
      'add',
      '--env',
      'dev',
      '--tenant',
      'clinic-b',
      '--role',
      'staff',
      '--email',
      'lee@clinic-a.example',
    );
    expect(again).toEqual({ code: 1, out: [], err: ['lee@clinic-a.example is already a user'] });
    expect((await attributesOf('lee@clinic-a.example'))['custom:tenant_id']).toBe('clinic-a');
    expect(await groupsOf('lee@clinic-a.example')).toEqual(['provider']);
  });

  test("disable refuses another tenant's user, then disables its own", async () => {
    const across = await users('disable', '--env', 'dev', '--tenant', 'clinic-b', '--email', 'pat@example.com');
    expect(across).toEqual({
      code: 1,
      out: [],
      err: ['pat@example.com is not a user of tenant clinic-b; nothing changed'],
    });
    expect((await getUser('pat@example.com')).Enabled).toBe(true);

    const own = await users('disable', '--env', 'dev', '--tenant', 'clinic-a', '--email', 'pat@example.com');
    expect(own.code).toBe(0);
    expect((await getUser('pat@example.com')).Enabled).toBe(false);
    expect(await users('disable', '--env', 'dev', '--tenant', 'clinic-a', '--email', 'nobody@example.com')).toEqual({
      code: 1,
      out: [],
      err: ['no user nobody@example.com in this pool'],
    });
  });

  test('a user whose group cannot be joined is deleted again: no user without a role is left', async () => {
    const broken = await createPool('appointments-broken-users', ['staff', 'provider']); // no customer group
    const result = await users(
      'add',
      '--env',
      'dev',
      '--user-pool-id',
      broken,
      '--tenant',
      'clinic-a',
      '--role',
      'customer',
      '--email',
      'half@example.com',
    );
    expect(result.code).toBe(1);
    expect(result.err).toEqual([
      expect.stringMatching(
        /^could not put half@example\.com in group customer \(.+\); the user was deleted again, nothing is left behind$/,
      ),
    ]);
    await expect(getUser('half@example.com', broken)).rejects.toMatchObject({ name: 'UserNotFoundException' });
    await cognito.send(new DeleteUserPoolCommand({ UserPoolId: broken }));
  });

  test('an environment without a deployed pool says so and how to name one', async () => {
    expect(await users('list', '--env', 'staging', '--tenant', 'clinic-a')).toEqual({
      code: 1,
      out: [],
      err: [
        'no user pool named appointments-staging-users in this account and region: deploy the stack first, or pass --user-pool-id',
      ],
    });
  });

  test('bad arguments are all reported, each naming its flag, with exit code 2 and no call to AWS', async () => {
    const result = await users(
      'add',
      '--env',
      'dev',
      '--tenant',
      'Clinic A',
      '--role',
      'admin',
      '--email',
      'x',
      '--customer-id',
      'c 1',
      '--bogus',
      'y',
    );
    expect(result.code).toBe(2);
    expect(result.err[0].split('\n\n')[0].split('\n')).toEqual([
      '--bogus: not an option of add',
      '--tenant: must be 3 to 40 characters of a-z, 0-9 and -, not "Clinic A"',
      '--role: must be staff, provider, customer, not "admin"',
      '--email: must be an email address, not "x"',
      '--customer-id: must be 1 to 64 characters of A-Z, a-z, 0-9, _ and -, not "c 1"',
      '--customer-id: only for role customer',
    ]);
    expect((await users('frobnicate')).err[0]).toMatch(
      /^the first word must be add, list or disable, not "frobnicate"/,
    );
    expect((await users('list', '--env', 'dev', '--tenant')).err[0]).toMatch(
      /^--tenant: needs a value\n--tenant: required/,
    );
  });
});
