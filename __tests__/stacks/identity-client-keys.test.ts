/**
 * One API key in one usage plan per client application, from the configuration: each client's
 * throttle, write throttle and quota are its own. And the notification topic's protocol condition.
 */
import { DEFAULT_ENVIRONMENTS } from '../../config/environments';
import { referencedId, resourcesOfType, synthServiceStack, SynthJson, wholeStatements } from '../support/synth';

let prod: SynthJson;
let dev: SynthJson;
beforeAll(() => {
  prod = synthServiceStack('prod');
  dev = synthServiceStack('dev');
});

const WRITING_METHODS = [
  '/appointments/POST',
  '/appointments/{appointmentId}/PATCH',
  '/appointments/{appointmentId}/DELETE',
  '/providers/{providerId}/PUT',
];

describe.each(['prod', 'dev'] as const)('%s: a key and a plan per client', (environment) => {
  test('each plan: its client throttle, its write throttle on each writing method, its daily quota', () => {
    const json = environment === 'prod' ? prod : dev;
    // Terraform JSON lists resources by id; the configuration lists clients in its own order.
    const plans = resourcesOfType(json, 'aws_api_gateway_usage_plan')
      .map(([, plan]) => plan)
      .sort((a, b) => String(a.name).localeCompare(String(b.name)));
    const clients = [...DEFAULT_ENVIRONMENTS[environment].apiClients].sort((a, b) => a.name.localeCompare(b.name));
    expect(plans).toEqual(
      clients.map((client) =>
        expect.objectContaining({
          name: `appointments-${environment}-plan-${client.name}`,
          throttle_settings: { rate_limit: client.rateLimit, burst_limit: client.burstLimit },
          quota_settings: { limit: client.quotaPerDay, period: 'DAY' },
          api_stages: [
            expect.objectContaining({
              throttle: WRITING_METHODS.map((path) => ({
                path,
                rate_limit: client.writeRateLimit,
                burst_limit: client.writeBurstLimit,
              })),
            }),
          ],
        }),
      ),
    );
  });
});

test("each key is in its own client's plan and in no other", () => {
  const keys = Object.fromEntries(resourcesOfType(prod, 'aws_api_gateway_api_key').map(([id, key]) => [id, key.name]));
  const plans = Object.fromEntries(
    resourcesOfType(prod, 'aws_api_gateway_usage_plan').map(([id, plan]) => [id, plan.name]),
  );
  const memberships = resourcesOfType(prod, 'aws_api_gateway_usage_plan_key').map(([, member]) => [
    keys[referencedId(member.key_id, 'aws_api_gateway_api_key')],
    plans[referencedId(member.usage_plan_id, 'aws_api_gateway_usage_plan')],
  ]);
  expect(memberships.sort()).toEqual([
    ['appointments-prod-client-clinic', 'appointments-prod-plan-clinic'],
    ['appointments-prod-client-web', 'appointments-prod-plan-web'],
  ]);
});

test('an output per client key, and none for a shared key', () => {
  expect(
    Object.keys(prod.output ?? {})
      .filter((name) => name.startsWith('api_key_id'))
      .sort(),
  ).toEqual(['api_key_id_clinic', 'api_key_id_web']);
});

describe('the notification topic policy', () => {
  const topicPolicy = (json: SynthJson, topicName: string) => {
    const [topicId] = resourcesOfType(json, 'aws_sns_topic').find(([, t]) => t.name === topicName) ?? [];
    const [, policy] =
      resourcesOfType(json, 'aws_sns_topic_policy').find(([, p]) => referencedId(p.arn, 'aws_sns_topic') === topicId) ??
      [];
    return wholeStatements(json, policy?.policy);
  };

  test('denies a subscription by any protocol the configuration does not name, whoever asks', () => {
    const statements = topicPolicy(prod, 'appointments-prod-notifications');
    expect(statements.find((s) => s.sid === 'DenyOtherSubscriptionProtocols')).toEqual({
      sid: 'DenyOtherSubscriptionProtocols',
      effect: 'Deny',
      actions: ['sns:Subscribe'],
      resources: [expect.stringMatching(/^\$\{aws_sns_topic\.[^.]+\.arn\}$/)],
      principals: [{ type: '*', identifiers: ['*'] }],
      conditions: [
        {
          test: 'StringNotEquals',
          variable: 'sns:Protocol',
          values: [...DEFAULT_ENVIRONMENTS.prod.notificationProtocols].sort(),
        },
      ],
    });
    expect(DEFAULT_ENVIRONMENTS.prod.notificationProtocols).not.toContain('http');
  });

  test('the alarm topic admits email and https subscriptions only', () => {
    const statements = topicPolicy(prod, 'appointments-prod-alarms');
    expect(statements.find((s) => s.sid === 'DenyOtherSubscriptionProtocols')?.conditions).toEqual([
      { test: 'StringNotEquals', variable: 'sns:Protocol', values: ['email', 'https'] },
    ]);
  });
});
