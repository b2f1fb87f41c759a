import { Construct } from 'constructs';
import { ApiGatewayDeployment } from '@cdktf/provider-aws/lib/api-gateway-deployment';
import { ApiGatewayIntegration } from '@cdktf/provider-aws/lib/api-gateway-integration';
import { ApiGatewayMethod } from '@cdktf/provider-aws/lib/api-gateway-method';
import { ApiGatewayModel } from '@cdktf/provider-aws/lib/api-gateway-model';
import { ApiGatewayRequestValidator } from '@cdktf/provider-aws/lib/api-gateway-request-validator';
import { ApiGatewayResource } from '@cdktf/provider-aws/lib/api-gateway-resource';
import { ApiGatewayRestApi } from '@cdktf/provider-aws/lib/api-gateway-rest-api';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { TerraformResource } from 'cdktf';
import { HTTP_OPERATIONS, OPERATION_NAMES, OperationName, ResourcePath } from '../../src/operations';
import { ServiceFunction } from '../functions/service-function';
import { DeploymentTrigger } from './deployment-trigger';
import { GatewayResponses } from './gateway-responses';
import { RequestAuthorizer } from './request-authorizer';

export interface RestApiProps {
  /** Physical name of the API, from the naming helper. */
  readonly apiName: string;
  /** The function serving each operation of the registry (src/operations.ts). */
  readonly handlers: Readonly<Record<OperationName, Pick<ServiceFunction, 'invokeArn' | 'function'>>>;
  /** The function that verifies the caller's ID token before every method, and how long its answer is cached. */
  readonly authorizer: {
    readonly handler: Pick<ServiceFunction, 'invokeArn' | 'function'>;
    /** Seconds an answer is kept per Authorization header (0 to 3600). */
    readonly resultCacheSeconds: number;
  };
}

/**
 * Construct id of each resource path's `aws_api_gateway_resource`. Written out, not derived from
 * the path: a changed id replaces the resource in Terraform. A new path in the registry fails
 * type-checking here until it is given one.
 */
const RESOURCE_IDS: Record<ResourcePath, string> = {
  '/appointments': 'Appointments',
  '/appointments/{appointmentId}': 'Appointment',
  '/providers': 'Providers',
  '/providers/{providerId}': 'Provider',
  '/providers/{providerId}/slots': 'ProviderSlots',
};

/**
 * The REST API (not an HTTP API: only REST APIs have API keys and usage plans). Every method
 * requires an API key and a verified ID token (the REQUEST authorizer), validates its parameters
 * and body before a function runs, and proxies to the operation's own function, which finds the
 * caller's identity in `event.requestContext.authorizer`. Resources, methods, models and validators are derived from
 * the registry of operations. The deployment is replaced whenever the API's definition changes.
 */
export class AppointmentsRestApi extends Construct {
  readonly api: ApiGatewayRestApi;
  /** The physical name, known at synthesis (for alarms and dashboards). */
  readonly apiName: string;
  readonly deployment: ApiGatewayDeployment;
  readonly methods: ApiGatewayMethod[] = [];
  readonly authorizer: RequestAuthorizer;
  /** Replaces the deployment when the definition changes; `redeployOn` adds stage-level parts. */
  private readonly trigger = new DeploymentTrigger();
  private readonly resources = new Map<string, ApiGatewayResource>();

  constructor(scope: Construct, id: string, props: RestApiProps) {
    super(scope, id);
    this.apiName = props.apiName;
    this.api = new ApiGatewayRestApi(this, 'Api', {
      name: props.apiName,
      description: 'Appointments API (see docs/openapi.json)',
      endpointConfiguration: { types: ['REGIONAL'] },
      apiKeySource: 'HEADER',
      // A change that forces a new API builds the new one before the old one goes, so the stage
      // and its clients are never left without an API (checkov CKV_AWS_237).
      lifecycle: { createBeforeDestroy: true },
    });

    this.authorizer = new RequestAuthorizer(this, 'TokenAuthorizer', {
      api: this.api,
      handler: props.authorizer.handler,
      resultCacheSeconds: props.authorizer.resultCacheSeconds,
    });

    const validators = {
      body: new ApiGatewayRequestValidator(this, 'ValidateBodyAndParameters', {
        restApiId: this.api.id,
        name: 'body-and-parameters',
        validateRequestBody: true,
        validateRequestParameters: true,
      }),
      parameters: new ApiGatewayRequestValidator(this, 'ValidateParameters', {
        restApiId: this.api.id,
        name: 'parameters-only',
        validateRequestBody: false,
        validateRequestParameters: true,
      }),
    };

    const integrations: ApiGatewayIntegration[] = [];
    const models: ApiGatewayModel[] = [];
    for (const operation of OPERATION_NAMES) {
      const { method: httpMethod, resourcePath, parameters, requestBody: bodySchema } = HTTP_OPERATIONS[operation];
      const fn = props.handlers[operation];
      const resource = this.resource(resourcePath);
      const idPart = pascal(operation);
      // Path parameters only: API Gateway would not enforce the optional headers and query.
      const requestParameters: Record<string, boolean> = {};
      for (const p of parameters.filter((p) => p.in === 'path'))
        requestParameters[`method.request.path.${p.name}`] = true;

      const model = bodySchema
        ? new ApiGatewayModel(this, `${idPart}Model`, {
            restApiId: this.api.id,
            name: bodySchema.title,
            contentType: 'application/json',
            schema: JSON.stringify(bodySchema),
          })
        : undefined;
      if (model) models.push(model);

      const method = new ApiGatewayMethod(this, `${idPart}Method`, {
        restApiId: this.api.id,
        resourceId: resource.id,
        httpMethod,
        // The application by its API key, the person by their ID token: both, on every method.
        authorization: 'CUSTOM',
        authorizerId: this.authorizer.id,
        apiKeyRequired: true,
        requestParameters,
        requestValidatorId: model ? validators.body.id : validators.parameters.id,
        requestModels: model ? { 'application/json': model.name } : undefined,
      });
      this.methods.push(method);
      integrations.push(
        new ApiGatewayIntegration(this, `${idPart}Integration`, {
          restApiId: this.api.id,
          resourceId: resource.id,
          httpMethod: method.httpMethod,
          type: 'AWS_PROXY',
          integrationHttpMethod: 'POST',
          uri: fn.invokeArn,
          timeoutMilliseconds: 29_000,
        }),
      );
      new LambdaPermission(this, `${idPart}Permission`, {
        statementId: 'AllowApiGatewayInvoke',
        action: 'lambda:InvokeFunction',
        functionName: fn.function.functionName,
        principal: 'apigateway.amazonaws.com',
        sourceArn: `${this.api.executionArn}/*/${httpMethod}${resourcePath.replace(/\{[^}]+\}/g, '*')}`,
      });
    }

    const responses = new GatewayResponses(this, 'Responses', { restApiId: this.api.id });

    // Lambda permissions are the functions' resource policies, not part of what a deployment
    // snapshots: changing one needs no new deployment.
    this.trigger.include(
      this.api,
      this.authorizer.authorizer,
      ...this.resources.values(),
      validators.body,
      validators.parameters,
      ...models,
      ...this.methods,
      ...integrations,
      ...responses.responses,
    );
    this.deployment = new ApiGatewayDeployment(this, 'Deployment', {
      restApiId: this.api.id,
      description: 'Replaced whenever the shape of the API changes',
      triggers: { shape: this.trigger.value },
      lifecycle: { createBeforeDestroy: true },
      dependsOn: [this.authorizer.authorizer, ...this.methods, ...integrations, ...responses.responses],
    });
  }

  /** The resource of a path, created with its parents the first time a path is asked for. */
  private resource(path: ResourcePath): ApiGatewayResource {
    const existing = this.resources.get(path);
    if (existing) return existing;
    // Every parent of a resource path is itself one (RESOURCE_IDS names them all).
    const parentPath = path.slice(0, path.lastIndexOf('/'));
    const parentId = parentPath === '' ? this.api.rootResourceId : this.resource(parentPath as ResourcePath).id;
    const created = new ApiGatewayResource(this, RESOURCE_IDS[path], {
      restApiId: this.api.id,
      parentId,
      pathPart: path.slice(path.lastIndexOf('/') + 1),
    });
    this.resources.set(path, created);
    return created;
  }

  /**
   * Replaces the deployment also when one of these resources changes (the stage's method
   * settings, which belong to the API's behaviour though API Gateway applies them to the stage).
   */
  redeployOn(...resources: TerraformResource[]): void {
    this.trigger.include(...resources);
  }
}

function pascal(kebab: string): string {
  return kebab.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());
}
