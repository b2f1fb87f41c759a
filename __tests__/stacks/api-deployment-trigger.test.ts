import { IConstruct } from 'constructs';
import { ApiGatewayGatewayResponse } from '@cdktf/provider-aws/lib/api-gateway-gateway-response';
import { ApiGatewayIntegration } from '@cdktf/provider-aws/lib/api-gateway-integration';
import { ApiGatewayMethod } from '@cdktf/provider-aws/lib/api-gateway-method';
import { ApiGatewayMethodSettings } from '@cdktf/provider-aws/lib/api-gateway-method-settings';
import { ApiGatewayModel } from '@cdktf/provider-aws/lib/api-gateway-model';
import { ApiGatewayRequestValidator } from '@cdktf/provider-aws/lib/api-gateway-request-validator';
import { ApiGatewayResource } from '@cdktf/provider-aws/lib/api-gateway-resource';
import { ApiGatewayRestApi } from '@cdktf/provider-aws/lib/api-gateway-rest-api';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { TerraformStack, Testing } from 'cdktf';
import { ServiceNaming } from '../../config/naming';
import { ApiStage } from '../../constructs/api/api-stage';
import { AppointmentsRestApi } from '../../constructs/api/rest-api';
import { EncryptionKey } from '../../constructs/security/encryption-key';
import { StackEnvironment } from '../../constructs/stack-environment';
import { OPERATION_NAMES } from '../../src/operations';

type Change = (stack: TerraformStack) => void;

function all<T>(stack: TerraformStack, type: abstract new (...args: never[]) => T): T[] {
  return stack.node.findAll().filter((c: IConstruct): c is IConstruct & T => c instanceof type);
}

/**
 * The REST API and its stage, with stub functions (no bundling), after `change`: the
 * deployment's trigger as synthesized.
 */
function triggerAfter(change: Change = () => undefined): string {
  const stack = new TerraformStack(Testing.app(), 'trigger');
  StackEnvironment.configure(stack, { account: '123456789012', region: 'us-west-1' });
  const handlers = Object.fromEntries(
    OPERATION_NAMES.map((name) => {
      const fn = new LambdaFunction(stack, name, { functionName: name, role: 'arn:aws:iam::123456789012:role/r' });
      return [name, { function: fn, invokeArn: fn.invokeArn }];
    }),
  ) as ConstructorParameters<typeof AppointmentsRestApi>[2]['handlers'];
  const authorizer = new LambdaFunction(stack, 'authorize-request', {
    functionName: 'authorize-request',
    role: 'arn:aws:iam::123456789012:role/r',
  });
  const restApi = new AppointmentsRestApi(stack, 'RestApi', {
    apiName: 'appointments-test-api',
    handlers,
    authorizer: { handler: { function: authorizer, invokeArn: authorizer.invokeArn }, resultCacheSeconds: 300 },
  });
  new ApiStage(stack, 'Stage', {
    naming: new ServiceNaming('test'),
    restApi,
    logsKey: new EncryptionKey(stack, 'Logs', { purpose: 'logs', aliasName: 'logs', protect: false }),
    logRetentionDays: 14,
    limits: { rateLimit: 20, burstLimit: 40 },
    clients: [
      {
        name: 'test',
        rateLimit: 20,
        burstLimit: 40,
        quotaPerDay: 50_000,
        writeRateLimit: 1,
        writeBurstLimit: 2,
        writeSharePercent: 100,
      },
    ],
    executionLogLevel: 'INFO',
  });
  change(stack);
  const json = JSON.parse(Testing.synth(stack)) as {
    resource: { aws_api_gateway_deployment: Record<string, { triggers: { shape: string } }> };
  };
  const deployments = Object.values(json.resource.aws_api_gateway_deployment);
  expect(deployments).toHaveLength(1);
  return deployments[0].triggers.shape;
}

let unchanged: string;
beforeAll(() => {
  unchanged = triggerAfter();
});

describe('the deployment trigger', () => {
  test('is a content hash that an unchanged API reproduces, so the stage keeps its deployment', () => {
    expect(unchanged).toMatch(/^[0-9a-f]{64}$/);
    expect(triggerAfter()).toBe(unchanged);
  });

  const changes: [string, Change][] = [
    [
      'a request validator stops validating bodies',
      (s) => (all(s, ApiGatewayRequestValidator)[0].validateRequestBody = false),
    ],
    [
      'every method loses its request validator',
      (s) => all(s, ApiGatewayMethod).forEach((m) => m.resetRequestValidatorId()),
    ],
    ['an integration timeout changes', (s) => (all(s, ApiGatewayIntegration)[0].timeoutMilliseconds = 10_000)],
    ['a body model allows anything', (s) => (all(s, ApiGatewayModel)[0].schema = '{}')],
    ['a method no longer requires an API key', (s) => (all(s, ApiGatewayMethod)[0].apiKeyRequired = false)],
    [
      'a method setting changes',
      (s) => all(s, ApiGatewayMethodSettings)[0].addOverride('settings.throttling_rate_limit', 5),
    ],
    ['a gateway response changes its status', (s) => (all(s, ApiGatewayGatewayResponse)[0].statusCode = '401')],
    ['a resource path changes', (s) => (all(s, ApiGatewayResource)[0].pathPart = 'bookings')],
    ['the REST API changes its key source', (s) => (all(s, ApiGatewayRestApi)[0].apiKeySource = 'AUTHORIZER')],
  ];
  test.each(changes)('changes when %s', (_what, change) => {
    expect(triggerAfter(change)).not.toBe(unchanged);
  });

  test('each kind of change gives its own trigger', () => {
    const triggers = changes.map(([, change]) => triggerAfter(change));
    expect(new Set(triggers).size).toBe(changes.length);
  });

  test("stays when only what a deployment does not snapshot changes: a function's memory, a Lambda permission", () => {
    expect(
      triggerAfter((s) => {
        all(s, LambdaFunction).forEach((f) => (f.memorySize = 1024));
        all(s, LambdaPermission)[0].statementId = 'Renamed';
      }),
    ).toBe(unchanged);
  });
});
