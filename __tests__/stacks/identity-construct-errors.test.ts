/** Contradictory props of the identity-related constructs throw at once, each with its own message. */
import { TerraformStack, Testing } from 'cdktf';
import { ServiceNaming } from '../../config/naming';
import { ClientUsagePlans } from '../../constructs/api/client-usage-plans';
import { EncryptedTopic } from '../../constructs/notifications/encrypted-topic';
import { EncryptionKey } from '../../constructs/security/encryption-key';
import { StackEnvironment } from '../../constructs/stack-environment';

function stack(): TerraformStack {
  const s = new TerraformStack(Testing.app(), 'errors');
  StackEnvironment.configure(s, { account: '123456789012', region: 'us-west-1' });
  return s;
}

const client = {
  name: 'web',
  rateLimit: 10,
  burstLimit: 20,
  quotaPerDay: 1000,
  writeRateLimit: 1,
  writeBurstLimit: 2,
  writeSharePercent: 50,
};

describe('ClientUsagePlans', () => {
  const plans = (clients: (typeof client)[]) =>
    new ClientUsagePlans(stack(), 'Clients', {
      naming: new ServiceNaming('test'),
      apiId: 'a',
      stageName: 'v1',
      clients,
    });

  test('refuses a client named twice: the second would share the first key', () => {
    expect(() => plans([client, client])).toThrow('Client application "web" is named twice');
  });

  test('refuses no client at all', () => {
    expect(() => plans([])).toThrow('ClientUsagePlans needs at least one client application');
  });
});

describe('EncryptedTopic', () => {
  const topic = (props: { subscriptionProtocols?: string[]; emailSubscribers?: string[] }) => {
    const s = stack();
    const key = new EncryptionKey(s, 'Key', { purpose: 'messages', aliasName: 'messages', protect: false });
    return new EncryptedTopic(s, 'Topic', { topicName: 'appointments-test-topic', key, ...props });
  };

  test('refuses plain http subscriptions', () => {
    expect(() => topic({ subscriptionProtocols: ['https', 'http'] })).toThrow(
      'Topic appointments-test-topic: "http" subscriptions would deliver messages unencrypted',
    );
  });

  test('refuses email subscribers when email is not a subscription protocol', () => {
    expect(() => topic({ subscriptionProtocols: ['sqs'], emailSubscribers: ['ops@example.com'] })).toThrow(
      'Topic appointments-test-topic has email subscribers, but its subscription protocols exclude "email"',
    );
  });

  test('admits email subscribers by default (the default protocol is email)', () => {
    expect(() => topic({ emailSubscribers: ['ops@example.com'] })).not.toThrow();
  });
});
