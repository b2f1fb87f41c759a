import { Construct } from 'constructs';
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { Fn } from 'cdktf';
import { OperationName, ROUTES } from '../../src/http/routes';
import { ServiceNaming } from '../../config/naming';
import { ServiceFunction } from '../functions/service-function';
import { EncryptionKey, viaServices } from '../security/encryption-key';
import { StackEnvironment } from '../stack-environment';
import { AppointmentsTable } from '../storage/appointments-table';
import { ApiStage, ApiStageProps } from './api-stage';
import { AppointmentsRestApi } from './rest-api';

export interface BookingApiProps {
  /** Names the functions, the API and its stage's resources, and the page-token secret. */
  readonly naming: ServiceNaming;
  /** The table the functions read and write, each only as its operation needs. */
  readonly table: AppointmentsTable;
  /** Key of every log group of the API and its functions. */
  readonly logsKey: EncryptionKey;
  /** Key of the page-token secret. */
  readonly dataKey: EncryptionKey;
  /** Retention of every log group of the API and its functions, in days. */
  readonly logRetentionDays: number;
  /**
   * Reserved concurrency of each API function.
   * @default none: the functions share the account's pool
   */
  readonly reservedConcurrency?: number;
  /** Throttling, quota and logging of the stage. */
  readonly stage: Pick<ApiStageProps, 'limits' | 'executionLogLevel' | 'manageAccountLogging'>;
}

const DESCRIPTIONS: Record<OperationName, string> = {
  'create-appointment': 'Books an appointment without double-booking its provider',
  'get-appointment': 'Reads one appointment',
  'list-appointments': 'Lists appointments of a provider or a customer in a time window',
  'update-appointment': 'Reschedules or edits an appointment',
  'cancel-appointment': 'Cancels an appointment and frees its slots',
};

/**
 * The booking API: one function per operation, each allowed exactly the table access it needs
 * (read functions cannot write), behind the REST API and its stage.
 */
export class BookingApi extends Construct {
  readonly handlers: Record<OperationName, ServiceFunction>;
  readonly restApi: AppointmentsRestApi;
  readonly stage: ApiStage;
  readonly pageTokenSecret: SsmParameter;

  constructor(scope: Construct, id: string, props: BookingApiProps) {
    super(scope, id);
    const { naming, table } = props;

    // Signs list pagination tokens. Generated once at creation (uuid() is 122 random bits) and
    // never shown in a plan again; rotate by tainting the resource.
    this.pageTokenSecret = new SsmParameter(this, 'PageTokenSecret', {
      name: `/${naming.serviceName}/page-token-secret`,
      description: 'HMAC key of list pagination tokens',
      type: 'SecureString',
      keyId: props.dataKey.arn,
      value: Fn.uuid(),
      lifecycle: { ignoreChanges: ['value'] },
    });

    const make = (operation: OperationName, environment: Record<string, string> = {}) =>
      new ServiceFunction(this, operation, {
        naming,
        source: operation,
        description: DESCRIPTIONS[operation],
        logsKey: props.logsKey,
        logRetentionDays: props.logRetentionDays,
        reservedConcurrency: props.reservedConcurrency,
        environment: { TABLE_NAME: table.tableName, ...environment },
      });

    this.handlers = {
      'create-appointment': make('create-appointment'),
      'get-appointment': make('get-appointment'),
      'list-appointments': make('list-appointments', { PAGE_TOKEN_SECRET_PARAMETER: this.pageTokenSecret.name }),
      'update-appointment': make('update-appointment'),
      'cancel-appointment': make('cancel-appointment'),
    };

    table.grantBookingWrites(this.handlers['create-appointment'].role);
    table.grantReadAppointments(this.handlers['get-appointment'].role);
    table.grantQueryIndexes(this.handlers['list-appointments'].role);
    table.grantRescheduleWrites(this.handlers['update-appointment'].role);
    table.grantCancelWrites(this.handlers['cancel-appointment'].role);
    this.grantReadPageTokenSecret(this.handlers['list-appointments'], props.dataKey);

    this.restApi = new AppointmentsRestApi(this, 'RestApi', {
      apiName: naming.name('api'),
      routes: ROUTES,
      handlers: this.handlers,
    });
    this.stage = new ApiStage(this, 'Stage', {
      ...props.stage,
      naming,
      restApi: this.restApi,
      logsKey: props.logsKey,
      logRetentionDays: props.logRetentionDays,
    });
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
