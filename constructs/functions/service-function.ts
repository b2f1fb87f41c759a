import { Construct } from 'constructs';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { TerraformAsset, AssetType } from 'cdktf';
import { ServiceNaming } from '../../config/naming';
import { ServiceRole } from '../iam/role-policy';
import { EncryptedQueue } from '../messaging/encrypted-queue';
import { EncryptionKey } from '../security/encryption-key';
import { regionalArn } from '../stack-environment';
import { bundleFunction } from './bundle';
import { FunctionCodeSigning } from './code-signing';
import { ENV, EnvironmentVariable, METRICS_NAMESPACE } from '../../src/environment';
import { FUNCTIONS, functionEnvironment, FunctionName } from '../../src/operations';

/** Lambda runtime: the newest Node.js that hashicorp/aws 5.100.0 accepts. */
export const LAMBDA_RUNTIME = 'nodejs22.x';

export interface ServiceFunctionProps {
  /** Names the function (`naming.name(source)`) and gives its logs and metrics their service name. */
  readonly naming: ServiceNaming;
  /**
   * The function's entry in the registry (src/operations.ts): its folder under `functions/`
   * holding `handler.ts`, its description, the variables it reads, and the purpose in its
   * physical name.
   */
  readonly source: FunctionName;
  /** Retention of the function's log group, in days (a value CloudWatch Logs accepts). */
  readonly logRetentionDays: number;
  /** @default 256 */
  readonly memoryMb?: number;
  /** @default 10 */
  readonly timeoutSeconds?: number;
  /**
   * Reserved concurrency.
   * @default none: the function shares the account's pool
   */
  readonly reservedConcurrency?: number;
  /**
   * Values of variables the stack can provide. The function is given exactly the ones its
   * registry entry lists (plus Node's and Powertools' settings, which every function gets);
   * synthesis fails, naming the variable, when a listed one has no value here.
   * @default none
   */
  readonly environmentValues?: Partial<Record<EnvironmentVariable, string>>;
  /** Key that encrypts the function's log group. */
  readonly logsKey: EncryptionKey;
  /** The code signing the function's code goes through: it deploys the signed copy of its bundle. */
  readonly codeSigning: FunctionCodeSigning;
  /** Customer-managed key that encrypts the function's environment variables at rest. */
  readonly environmentKey: EncryptionKey;
  /**
   * Where asynchronous invocations that still fail after Lambda's retries go.
   * @default no dead-letter queue
   */
  readonly deadLetterQueue?: EncryptedQueue;
}

/**
 * One Lambda function of the service: its own esbuild bundle, its own role (nothing granted
 * but logging and tracing until a resource grants more), its own encrypted log group with
 * retention, arm64, X-Ray active tracing.
 */
export class ServiceFunction extends Construct {
  readonly function: LambdaFunction;
  readonly role: ServiceRole;
  readonly logGroup: CloudwatchLogGroup;
  readonly functionName: string;

  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    super(scope, id);
    this.functionName = props.naming.name(props.source);
    const description = FUNCTIONS[props.source].description;

    this.logGroup = new CloudwatchLogGroup(this, 'Logs', {
      name: `/aws/lambda/${this.functionName}`,
      retentionInDays: props.logRetentionDays,
      kmsKeyId: props.logsKey.arn,
    });

    this.role = new ServiceRole(this, 'Role', {
      roleName: this.functionName,
      description: `Runs ${this.functionName}: ${description}`,
      assumedBy: 'lambda.amazonaws.com',
    });
    this.role.addStatements(
      {
        sid: 'WriteOwnLogs',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [`${this.logGroup.arn}:log-stream:*`],
      },
      {
        // X-Ray's PutTraceSegments and PutTelemetryRecords take no resource ARN.
        sid: 'SendTraces',
        actions: ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'],
        resources: ['*'],
      },
      {
        // Lambda decrypts the environment at each cold start as this role, with the encryption
        // context aws:lambda:FunctionArn set to the function's own ARN (no kms:ViaService: the
        // request is not made through a service on the role's behalf).
        sid: 'DecryptOwnEnvironment',
        actions: ['kms:Decrypt'],
        resources: [props.environmentKey.arn],
        condition: [
          {
            test: 'StringEquals',
            variable: 'kms:EncryptionContext:aws:lambda:FunctionArn',
            values: [regionalArn(this, 'lambda', `function:${this.functionName}`)],
          },
        ],
      },
    );
    props.deadLetterQueue?.grantSend(this.role, 'SendFailedAsyncInvocations');

    const bundle = bundleFunction(props.source);
    const asset = new TerraformAsset(this, 'Bundle', {
      path: bundle.zipPath,
      type: AssetType.FILE,
      assetHash: bundle.sha256Hex,
    });

    const code = props.codeSigning.sign(this, props.source, asset.path, bundle.sha256Hex);

    this.function = new LambdaFunction(this, 'Function', {
      functionName: this.functionName,
      description,
      role: this.role.arn,
      runtime: LAMBDA_RUNTIME,
      architectures: ['arm64'],
      handler: 'index.handler',
      s3Bucket: code.s3Bucket,
      s3Key: code.s3Key,
      codeSigningConfigArn: props.codeSigning.config.arn,
      // No source_code_hash: Lambda reports the hash of the signed zip, never the bundle's, so
      // the bundle's hash would plan an update on every run (hashicorp/terraform-provider-aws
      // #33955). A new bundle is a new object key, hence a new signing job and a new s3_key.
      memorySize: props.memoryMb ?? 256,
      timeout: props.timeoutSeconds ?? 10,
      reservedConcurrentExecutions: props.reservedConcurrency ?? -1,
      tracingConfig: { mode: 'Active' },
      loggingConfig: {
        logFormat: 'JSON',
        logGroup: this.logGroup.name,
        applicationLogLevel: 'INFO',
        systemLogLevel: 'WARN',
      },
      deadLetterConfig: props.deadLetterQueue ? { targetArn: props.deadLetterQueue.arn } : undefined,
      kmsKeyArn: props.environmentKey.arn,
      environment: {
        variables: {
          NODE_OPTIONS: '--enable-source-maps',
          [ENV.serviceName]: props.naming.serviceName,
          [ENV.metricsNamespace]: METRICS_NAMESPACE,
          ...functionEnvironment(props.source, props.environmentValues ?? {}),
        },
      },
      // The log group and the role's policy exist before the first invocation can need them.
      dependsOn: [this.logGroup, this.role.role],
    });
  }

  get arn(): string {
    return this.function.arn;
  }

  get invokeArn(): string {
    return this.function.invokeArn;
  }
}
