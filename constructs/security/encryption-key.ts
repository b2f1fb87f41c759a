import { Construct } from 'constructs';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { PolicyDocument, PolicyStatement } from '../iam/policy-document';
import { accountRootArn, StackEnvironment } from '../stack-environment';

/** Key administration, listed action by action: a key policy never says `kms:*`. */
export const KEY_ADMIN_ACTIONS = [
  'kms:CancelKeyDeletion',
  'kms:DescribeKey',
  'kms:DisableKey',
  'kms:EnableKey',
  'kms:EnableKeyRotation',
  'kms:GetKeyPolicy',
  'kms:GetKeyRotationStatus',
  'kms:ListResourceTags',
  'kms:PutKeyPolicy',
  'kms:ScheduleKeyDeletion',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:UpdateKeyDescription',
];

/** What a principal needs to write data encrypted under the key (and read it back). */
export const KEY_ENCRYPT_DECRYPT_ACTIONS = ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'];
/** What a principal needs to read data encrypted under the key. */
export const KEY_DECRYPT_ACTIONS = ['kms:Decrypt', 'kms:DescribeKey'];

/**
 * Confines use of a key to requests that AWS services (`dynamodb`, `sns`...) make on the
 * caller's behalf in `region`.
 */
export function viaServices(region: string, ...services: string[]): NonNullable<PolicyStatement['condition']> {
  return [
    { test: 'StringEquals', variable: 'kms:ViaService', values: services.map((s) => `${s}.${region}.amazonaws.com`) },
  ];
}

export interface EncryptionKeyProps {
  /** What the key protects, for its description. */
  readonly purpose: string;
  /** Alias without the `alias/` prefix, from the naming helper. */
  readonly aliasName: string;
  /**
   * Whether IAM policies in the account may grant use of the key (the account root delegation).
   * Off for keys whose users are all named in the key policy.
   * @default true
   */
  readonly delegateUseToIam?: boolean;
  /** `prevent_destroy` on the key (stateful data would be lost with it). */
  readonly protect: boolean;
}

/**
 * A customer-managed KMS key with rotation on and a key policy built from named statements.
 * Constructs that need the key add their own statement (`allow`), so the policy lists exactly
 * the principals and services that use the key.
 */
export class EncryptionKey extends Construct {
  readonly key: KmsKey;
  readonly policy: PolicyDocument;
  /** The root principal of the stack's account, which administers the key. */
  readonly accountRootArn: string;

  constructor(scope: Construct, id: string, props: EncryptionKeyProps) {
    super(scope, id);
    this.accountRootArn = accountRootArn(this);
    this.policy = new PolicyDocument(this, 'KeyPolicy', {
      statements: [
        {
          sid: 'KeyAdministration',
          principals: [{ type: 'AWS', identifiers: [this.accountRootArn] }],
          actions: KEY_ADMIN_ACTIONS,
          resources: ['*'], // in a key policy "*" means this key
        },
      ],
    });
    if (props.delegateUseToIam ?? true) {
      const root = [{ type: 'AWS', identifiers: [this.accountRootArn] }];
      this.policy.addStatements(
        {
          sid: 'AllowIamPoliciesOfThisAccountToUseTheKey',
          principals: root,
          actions: KEY_ENCRYPT_DECRYPT_ACTIONS,
          resources: ['*'],
        },
        {
          // DynamoDB and CloudWatch Logs take grants on the key for the resources they encrypt.
          sid: 'AllowGrantsForAwsResourcesOnly',
          principals: root,
          actions: ['kms:CreateGrant'],
          resources: ['*'],
          condition: [{ test: 'Bool', variable: 'kms:GrantIsForAWSResource', values: ['true'] }],
        },
      );
    }
    this.key = new KmsKey(this, 'Key', {
      description: props.purpose,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: this.policy.json,
      lifecycle: props.protect ? { preventDestroy: true } : undefined,
    });
    new KmsAlias(this, 'Alias', { name: `alias/${props.aliasName}`, targetKeyId: this.key.keyId });
  }

  get arn(): string {
    return this.key.arn;
  }

  /**
   * Names a role in the key policy: it may use the key only through `service` in the stack's
   * region (kms:ViaService). The role's own policy must grant the same actions.
   */
  allowRoleThroughService(sid: string, roleArn: string, actions: readonly string[], service: string): void {
    this.allow({
      sid,
      principals: [{ type: 'AWS', identifiers: [roleArn] }],
      actions: [...actions],
      condition: viaServices(StackEnvironment.of(this).region, service),
    });
  }

  /** Adds a key-policy statement; `sid` names who may do what and why. */
  allow(statement: PolicyStatement & { sid: string }): void {
    this.policy.addStatements({ resources: ['*'], ...statement });
  }
}
