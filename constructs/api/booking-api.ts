import { Construct } from 'constructs';
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { Fn } from 'cdktf';
import { ServiceNaming } from '../../config/naming';
import { ENV } from '../../src/environment';
import { FUNCTIONS, OPERATION_NAMES, OperationName } from '../../src/operations';
import { FunctionCodeSigning } from '../functions/code-signing';
import { ServiceFunction } from '../functions/service-function';
import { RolePolicy } from '../iam/role-policy';
import { EncryptionKey, viaServices } from '../security/encryption-key';
import { StackEnvironment } from '../stack-environment';
import { AppointmentsTable } from '../storage/appointments-table';
import { ApiFirewall } from './api-firewall';
import { ApiStage, ApiStageProps } from './api-stage';
import { AppointmentsRestApi } from './rest-api';

export interface BookingApiProps {
  /** Names the functions, the API and its stage's resources, and the page-token secret. */
  readonly naming: ServiceNaming;
  /** The table the functions read and write, each only as its operation needs. */
  readonly table: AppointmentsTable;
  /** Key of every log group of the API and its functions. */
  readonly logsKey: EncryptionKey;
  /** Key of the functions' environment variables. */
  readonly environmentKey: EncryptionKey;
  /** Signs the functions' code; they deploy the signed copies. */
  readonly codeSigning: FunctionCodeSigning;
  /** Key of the page-token secret. */
  readonly dataKey: EncryptionKey;
  /** Retention of every log group of the API and its functions, in days. */
  readonly logRetentionDays: number;
  /**
   * Reserved concurrency of each API function.
   * @default none: the functions share the account's pool
   */
  readonly reservedConcurrency?: number;
  /**
   * Version of the page-token secret's write-only value: a new version writes a new random
   * secret (rotation). A positive integer.
   */
  readonly pageTokenSecretVersion: number;
  /**
   * Requests per client IP in 5 minutes above which a WAFv2 web ACL in front of the stage blocks.
   * @default no web ACL
   */
  readonly firewall?: { readonly requestsPer5MinutesPerIp: number };
  /**
   * The most future CONFIRMED appointments a customer may hold before its own bookings are
   * refused (contract: maxOpenBookingsPerCustomer); staff bookings are never refused for it.
   */
  readonly maxOpenBookingsPerCustomer: number;
  /** Throttling, the client applications' keys and plans, and logging of the stage. */
  readonly stage: Pick<ApiStageProps, 'limits' | 'clients' | 'executionLogLevel' | 'manageAccountLogging'>;
  /** Whose ID tokens the API accepts, and how long the authorizer's answer is cached. */
  readonly identity: {
    /** The `iss` of accepted tokens: the user pool's issuer URL. */
    readonly issuer: string;
    /** The `aud` of accepted tokens: the app client's id. */
    readonly audience: string;
    /** Seconds API Gateway caches the authorizer's answer per Authorization header (0 to 3600). */
    readonly authorizerCacheSeconds: number;
  };
}

/** The table access each operation's function is granted: read functions cannot write. */
const TABLE_ACCESS: Record<OperationName, (table: AppointmentsTable, role: RolePolicy) => void> = {
  'create-appointment': (table, role) => {
    table.grantBookingWrites(role);
    table.grantCalendarClaims(role);
  },
  'get-appointment': (table, role) => table.grantReadAppointments(role),
  'list-appointments': (table, role) => table.grantQueryIndexes(role),
  'update-appointment': (table, role) => {
    table.grantRescheduleWrites(role);
    table.grantCalendarClaims(role);
  },
  'cancel-appointment': (table, role) => {
    table.grantCancelWrites(role);
    table.grantDayCounts(role);
  },
  'put-provider': (table, role) => table.grantProfileWrites(role),
  'get-provider': (table, role) => table.grantReadProfiles(role),
  'list-free-slots': (table, role) => table.grantFreeSlotSearch(role),
};

/**
 * The booking API: one function per operation, each allowed exactly the table access it needs
 * (read functions cannot write), behind the REST API and its stage.
 */
export class BookingApi extends Construct {
  readonly handlers: Record<OperationName, ServiceFunction>;
  /** Verifies the caller's ID token before every method (functions/authorize-request). */
  readonly authorizer: ServiceFunction;
  readonly restApi: AppointmentsRestApi;
  readonly stage: ApiStage;
  readonly pageTokenSecret: SsmParameter;
  readonly firewall?: ApiFirewall;

  constructor(scope: Construct, id: string, props: BookingApiProps) {
    super(scope, id);
    const { naming, table } = props;

    // Signs list pagination tokens. The value is write-only (value_wo): Terraform sends it to SSM
    // and keeps it in neither plan nor state. uuid() (122 random bits) is drawn anew at every
    // plan, but a write-only value is only sent when its version changes: raising
    // `pageTokenSecretVersion` writes a new secret (and makes outstanding page tokens invalid).
    this.pageTokenSecret = new SsmParameter(this, 'PageTokenSecret', {
      name: `/${naming.serviceName}/page-token-secret`,
      description: 'HMAC key of list pagination tokens',
      type: 'SecureString',
      keyId: props.dataKey.arn,
      valueWo: Fn.uuid(),
      valueWoVersion: props.pageTokenSecretVersion,
    });

    // Each function is given the variables its registry entry lists, from these values.
    const environmentValues = {
      [ENV.tableName]: table.tableName,
      [ENV.pageTokenSecretParameter]: this.pageTokenSecret.name,
      [ENV.tokenIssuer]: props.identity.issuer,
      [ENV.tokenAudience]: props.identity.audience,
      [ENV.maxOpenBookingsPerCustomer]: String(props.maxOpenBookingsPerCustomer),
    };
    // What the handlers and the authorizer share: the same keys, signing, retention and reservation.
    const functionProps = {
      naming,
      logsKey: props.logsKey,
      environmentKey: props.environmentKey,
      codeSigning: props.codeSigning,
      logRetentionDays: props.logRetentionDays,
      reservedConcurrency: props.reservedConcurrency,
      environmentValues,
    };
    const handlers: Partial<Record<OperationName, ServiceFunction>> = {};
    for (const operation of OPERATION_NAMES) {
      const fn = new ServiceFunction(this, operation, { ...functionProps, source: operation });
      TABLE_ACCESS[operation](table, fn.role);
      // The functions given the secret's name are the ones that read it.
      if (FUNCTIONS[operation].environment.includes(ENV.pageTokenSecretParameter)) {
        this.grantReadPageTokenSecret(fn, props.dataKey);
      }
      handlers[operation] = fn;
    }
    this.handlers = handlers as Record<OperationName, ServiceFunction>;
    // It needs no grant: the issuer's signing keys are public (its JWKS, fetched over HTTPS).
    // Reserved like the handlers: a throttled authorizer would fail every request.
    this.authorizer = new ServiceFunction(this, 'authorize-request', { ...functionProps, source: 'authorize-request' });

    this.restApi = new AppointmentsRestApi(this, 'RestApi', {
      apiName: naming.name('api'),
      handlers: this.handlers,
      authorizer: { handler: this.authorizer, resultCacheSeconds: props.identity.authorizerCacheSeconds },
    });
    this.stage = new ApiStage(this, 'Stage', {
      ...props.stage,
      naming,
      restApi: this.restApi,
      logsKey: props.logsKey,
      logRetentionDays: props.logRetentionDays,
    });
    if (props.firewall) {
      this.firewall = new ApiFirewall(this, 'Firewall', {
        naming,
        stageArn: this.stage.stage.arn,
        requestsPer5MinutesPerIp: props.firewall.requestsPer5MinutesPerIp,
        logsKey: props.logsKey,
        logRetentionDays: props.logRetentionDays,
      });
    }
  }

  private grantReadPageTokenSecret(fn: ServiceFunction, key: EncryptionKey): void {
    fn.role.addStatements(
      { sid: 'ReadPageTokenSecret', actions: ['ssm:GetParameter'], resources: [this.pageTokenSecret.arn] },
      {
        sid: 'DecryptPageTokenSecret',
        actions: ['kms:Decrypt'],
        resources: [key.arn],
        condition: viaServices(StackEnvironment.of(this).region, 'ssm'),
      },
    );
  }
}
