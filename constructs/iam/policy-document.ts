import { Construct } from 'constructs';
import {
  DataAwsIamPolicyDocument,
  DataAwsIamPolicyDocumentStatement,
} from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';

export type PolicyStatement = DataAwsIamPolicyDocumentStatement;

export interface PolicyDocumentProps {
  /**
   * The statements the document starts with; `addStatements` adds more until synthesis.
   * @default none
   */
  readonly statements?: readonly PolicyStatement[];
}

/**
 * The `aws_iam_policy_document` data source, given its statements only when it is rendered, so
 * statements added after construction are included in both JSON and HCL output.
 */
class LateStatementsDocument extends DataAwsIamPolicyDocument {
  private readonly statements: readonly PolicyStatement[];

  /** `props.statements` is the live list: what is added to it before synthesis is rendered. */
  constructor(scope: Construct, id: string, props: Required<PolicyDocumentProps>) {
    super(scope, id);
    this.statements = props.statements;
  }

  override toTerraform(): ReturnType<DataAwsIamPolicyDocument['toTerraform']> {
    this.putStatement([...this.statements]);
    return super.toTerraform();
  }

  override toHclTerraform(): ReturnType<DataAwsIamPolicyDocument['toHclTerraform']> {
    this.putStatement([...this.statements]);
    return super.toHclTerraform();
  }
}

/**
 * An IAM policy document that grows as constructs grant access (`addStatements`) and is rendered
 * at synthesis, so a grant lives with the resource it concerns rather than in one hand-written
 * policy beside the function. Rendered by Terraform's `aws_iam_policy_document`, which needs no
 * AWS call while planning.
 */
export class PolicyDocument extends Construct {
  private readonly statements: PolicyStatement[] = [];
  private readonly document: DataAwsIamPolicyDocument;

  constructor(scope: Construct, id: string, props: PolicyDocumentProps = {}) {
    super(scope, id);
    this.statements.push(...(props.statements ?? []));
    this.document = new LateStatementsDocument(this, 'Document', { statements: this.statements });
  }

  addStatements(...statements: PolicyStatement[]): void {
    for (const s of statements) {
      if (s.sid && this.statements.some((existing) => existing.sid === s.sid)) {
        throw new Error(`Policy ${this.node.path} already has a statement with sid "${s.sid}"`);
      }
      this.statements.push(s);
    }
  }

  /** The rendered JSON policy. */
  get json(): string {
    return this.document.json;
  }
}
