import { Construct } from 'constructs';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { StackEnvironment } from '../stack-environment';
import { PolicyDocument, PolicyStatement } from './policy-document';

export interface ServiceRoleProps {
  /** Physical name of the role, from the naming helper. */
  readonly roleName: string;
  /** What the role is for, shown in the IAM console. */
  readonly description: string;
  /**
   * The AWS service that assumes the role, e.g. `lambda.amazonaws.com`. The trust is confined to
   * calls made on behalf of the stack's own account (`aws:SourceAccount`, the confused-deputy guard).
   */
  readonly assumedBy: string;
  /**
   * Further narrows the trust with `aws:SourceArn` (ArnLike), when the service sets it.
   * @default no source ARN condition
   */
  readonly sourceArnLike?: string;
}

/** The permissions of one role, granted statement by statement by the constructs it uses. */
export interface RolePolicy {
  addStatements(...statements: PolicyStatement[]): void;
}

/**
 * A role assumed by one AWS service for one purpose, with one inline policy that grows as
 * resources grant it access. The policy is created with the role and rendered at synthesis, so
 * it holds every statement granted by then (each role here is granted at least one).
 */
export class ServiceRole extends Construct implements RolePolicy {
  readonly role: IamRole;
  /** Alphanumeric label of the role's owner, for statement ids in shared policies. */
  readonly label: string;
  private readonly permissions: PolicyDocument;

  constructor(scope: Construct, id: string, props: ServiceRoleProps) {
    super(scope, id);
    // A function's role is labelled by its function; a free-standing role by its own id.
    this.label = (id === 'Role' ? scope.node.id : id).replace(/[^A-Za-z0-9]/g, '');
    const { account } = StackEnvironment.of(this);
    const condition = [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [account] }];
    if (props.sourceArnLike)
      condition.push({ test: 'ArnLike', variable: 'aws:SourceArn', values: [props.sourceArnLike] });
    const trust = new PolicyDocument(this, 'Trust', {
      statements: [
        {
          sid: 'AssumedByService',
          actions: ['sts:AssumeRole'],
          principals: [{ type: 'Service', identifiers: [props.assumedBy] }],
          condition,
        },
      ],
    });
    this.role = new IamRole(this, 'Role', {
      name: props.roleName,
      description: props.description,
      assumeRolePolicy: trust.json,
      maxSessionDuration: 3600,
    });
    this.permissions = new PolicyDocument(this, 'Permissions');
    new IamRolePolicy(this, 'Policy', {
      name: 'least-privilege',
      role: this.role.id,
      policy: this.permissions.json,
    });
  }

  get arn(): string {
    return this.role.arn;
  }

  addStatements(...statements: PolicyStatement[]): void {
    this.permissions.addStatements(...statements);
  }
}
