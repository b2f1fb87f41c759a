/**
 * The deployment trigger sees the authorizer: a deployment snapshots the authorizer's settings,
 * so changing them must replace the deployment (or the stage would keep the old ones).
 */
import { ApiGatewayAuthorizer } from '@cdktf/provider-aws/lib/api-gateway-authorizer';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { TerraformStack, Testing } from 'cdktf';
import { AppointmentsRestApi } from '../../constructs/api/rest-api';
import { StackEnvironment } from '../../constructs/stack-environment';
import { OPERATION_NAMES } from '../../src/operations';

type Handler = ConstructorParameters<typeof AppointmentsRestApi>[2]['authorizer']['handler'];

/** The REST API with stub functions (no bundling): its deployment's trigger after `change`. */
function triggerAfter(cacheSeconds: number, change: (api: AppointmentsRestApi) => void = () => undefined): string {
  const stack = new TerraformStack(Testing.app(), 'trigger');
  StackEnvironment.configure(stack, { account: '123456789012', region: 'us-west-1' });
  const stub = (name: string): Handler => {
    const fn = new LambdaFunction(stack, name, { functionName: name, role: 'arn:aws:iam::123456789012:role/r' });
    return { function: fn, invokeArn: fn.invokeArn };
  };
  const handlers = Object.fromEntries(OPERATION_NAMES.map((name) => [name, stub(name)])) as ConstructorParameters<
    typeof AppointmentsRestApi
  >[2]['handlers'];
  const api = new AppointmentsRestApi(stack, 'RestApi', {
    apiName: 'appointments-test-api',
    handlers,
    authorizer: { handler: stub('authorize-request'), resultCacheSeconds: cacheSeconds },
  });
  change(api);
  const json = JSON.parse(Testing.synth(stack)) as {
    resource: { aws_api_gateway_deployment: Record<string, { triggers: { shape: string } }> };
  };
  return Object.values(json.resource.aws_api_gateway_deployment)[0].triggers.shape;
}

let unchanged: string;
beforeAll(() => {
  unchanged = triggerAfter(300);
});

test('an unchanged authorizer keeps the deployment', () => {
  expect(triggerAfter(300)).toBe(unchanged);
});

test("the authorizer's cache time replaces the deployment", () => {
  expect(triggerAfter(60)).not.toBe(unchanged);
});

test("the authorizer's token source replaces the deployment", () => {
  const changed = triggerAfter(300, (api) => {
    (api.authorizer.authorizer as ApiGatewayAuthorizer).identitySource = 'method.request.header.X-Token';
  });
  expect(changed).not.toBe(unchanged);
});

test('a cache time API Gateway does not accept is refused with its own message', () => {
  expect(() => triggerAfter(3601)).toThrow(
    "The authorizer's result cache of 3601 seconds is not a whole number from 0 to 3600",
  );
});
