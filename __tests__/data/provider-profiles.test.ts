/** Provider profiles on DynamoDB Local: create, replace, If-Match, concurrent PUTs, tenants, stored shape. */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { parseProviderProfileRequest } from '../../src/domain/availability/provider-profile';
import { AppointmentError } from '../../src/domain/errors';
import { providerProfileKey } from '../../src/data/keys';
import { DynamoProviderProfiles } from '../../src/data/provider-profiles';
import { createTestTable, scanTable, TestTable } from '../functions/helpers';

let table: TestTable;
beforeAll(async () => (table = await createTestTable('provider-profiles')));
afterAll(() => table.drop());

const profilesOf = (tenantId: string) =>
  new DynamoProviderProfiles({ client: table.documentClient, tableName: table.tableName, tenantId });
const profile = (name = 'Dr. Lee') =>
  parseProviderProfileRequest({
    name,
    timeZone: 'America/Los_Angeles',
    weeklyHours: { MON: [{ start: '09:00', end: '17:00' }] },
    bufferAfterMinutes: 15,
  });
const T1 = new Date('2026-12-01T10:00:00Z');
const T2 = new Date('2026-12-02T11:30:00Z');
const codeOf = (error: unknown) => (error as AppointmentError).code;

describe('provider profiles', () => {
  it('creates version 1, then replaces it as version 2 keeping createdAt', async () => {
    // Act
    const created = await profilesOf('clinic-a').put('dr-lee', profile(), undefined, T1);
    const replaced = await profilesOf('clinic-a').put('dr-lee', profile('Dr. Lee, MD'), undefined, T2);
    // Assess
    expect(created).toEqual({
      ...profile(),
      providerId: 'dr-lee',
      version: 1,
      createdAt: '2026-12-01T10:00:00Z',
      updatedAt: '2026-12-01T10:00:00Z',
    });
    expect(replaced).toMatchObject({
      name: 'Dr. Lee, MD',
      version: 2,
      createdAt: created.createdAt,
      updatedAt: '2026-12-02T11:30:00Z',
    });
    expect(await profilesOf('clinic-a').get('dr-lee', { consistent: true })).toEqual(replaced);
  });

  it('replaces only over the version If-Match names, and says which version it is at', async () => {
    // Prepare
    await profilesOf('clinic-a').put('dr-match', profile(), undefined, T1);
    const before = await scanTable(table);
    // Act
    const stale = await profilesOf('clinic-a')
      .put('dr-match', profile('x'), 3, T2)
      .catch((error: unknown) => error);
    const none = await profilesOf('clinic-a')
      .put('dr-none', profile(), 1, T2)
      .catch((error: unknown) => error);
    // Assess
    expect([codeOf(stale), (stale as Error).message]).toEqual([
      'VERSION_MISMATCH',
      'If-Match names version 3 but the provider is at version 1.',
    ]);
    expect((none as Error).message).toBe('If-Match names version 1 but the provider is at version 0.');
    expect(await scanTable(table)).toEqual(before);
    expect(await profilesOf('clinic-a').put('dr-match', profile('y'), 1, T2)).toMatchObject({ name: 'y', version: 2 });
  });

  it('gives concurrent PUTs without If-Match one version each, none lost', async () => {
    // Act: three at once
    const records = await Promise.all(
      [1, 2, 3].map((n) => profilesOf('clinic-a').put('dr-race', profile(`Dr. ${n}`), undefined, T1)),
    );
    // Assess
    expect(records.map((r) => r.version).sort()).toEqual([1, 2, 3]);
    const stored = await profilesOf('clinic-a').get('dr-race', { consistent: true });
    expect(stored?.version).toBe(3);
    expect(stored?.name).toBe(records.find((r) => r.version === 3)?.name);
  });

  it('keeps tenants apart: the same provider id in another tenant is another profile, or none', async () => {
    await profilesOf('clinic-a').put('dr-shared', profile('A'), undefined, T1);
    expect(await profilesOf('clinic-b').get('dr-shared')).toBeUndefined();
    await profilesOf('clinic-b').put('dr-shared', profile('B'), undefined, T1);
    expect((await profilesOf('clinic-a').get('dr-shared', { consistent: true }))?.name).toBe('A');
    const item = (await scanTable(table)).find((i) => i.pk === providerProfileKey('clinic-b', 'dr-shared').pk);
    expect(item).toMatchObject({ pk: 'PROFILE#clinic-b#dr-shared', sk: 'PROVIDER', tenantId: 'clinic-b', name: 'B' });
  });

  it('refuses to answer a malformed stored profile, naming the item and the fields', async () => {
    await table.documentClient.send(
      new PutCommand({
        TableName: table.tableName,
        Item: {
          ...providerProfileKey('clinic-a', 'dr-bad'),
          name: '',
          timeZone: 'Mars/Base',
          weeklyHours: {},
          version: 1,
        },
      }),
    );
    await expect(profilesOf('clinic-a').get('dr-bad')).rejects.toThrow(
      'stored provider item PROFILE#clinic-a#dr-bad is malformed at: name, timeZone',
    );
  });
});
