/**
 * Which Terraform types grant or protect access, and where. Every type a stack synthesizes must
 * be in one of the two lists below: a new type fails the policy table until someone says what it
 * grants, so a new kind of policy cannot slip by unseen.
 */

export interface GrantingType {
  /** Attributes holding a policy document (a `aws_iam_policy_document` reference or IAM JSON). */
  readonly documents: readonly string[];
  /** Other attributes that decide who may do what, copied as they are; `'all'` for all of them. */
  readonly grants: readonly string[] | 'all';
}

export const GRANTING_RESOURCE_TYPES: Readonly<Record<string, GrantingType>> = {
  aws_iam_role: {
    documents: ['assume_role_policy'],
    grants: ['inline_policy', 'managed_policy_arns', 'permissions_boundary'],
  },
  aws_iam_role_policy: { documents: ['policy'], grants: ['role', 'name'] },
  aws_iam_policy: { documents: ['policy'], grants: ['name', 'path'] },
  aws_iam_role_policy_attachment: { documents: [], grants: 'all' },
  aws_kms_key: { documents: ['policy'], grants: ['bypass_policy_lockout_safety_check'] },
  aws_kms_key_policy: { documents: ['policy'], grants: ['key_id', 'bypass_policy_lockout_safety_check'] },
  aws_kms_grant: { documents: [], grants: 'all' },
  aws_sns_topic: { documents: ['policy'], grants: [] },
  aws_sns_topic_policy: { documents: ['policy'], grants: ['arn'] },
  aws_sqs_queue: { documents: ['policy'], grants: ['redrive_allow_policy'] },
  aws_sqs_queue_policy: { documents: ['policy'], grants: ['queue_url'] },
  aws_s3_bucket: { documents: ['policy'], grants: ['acl', 'grant'] },
  aws_s3_bucket_policy: { documents: ['policy'], grants: ['bucket'] },
  aws_s3_bucket_acl: { documents: [], grants: 'all' },
  aws_s3_bucket_public_access_block: { documents: [], grants: 'all' },
  aws_s3_bucket_ownership_controls: { documents: [], grants: 'all' },
  aws_lambda_permission: { documents: [], grants: 'all' },
  // Which services may write into which log groups (WAF's log delivery).
  aws_cloudwatch_log_resource_policy: { documents: ['policy_document'], grants: ['policy_name'] },
  // Which role API Gateway writes the account's logs with.
  aws_api_gateway_account: { documents: [], grants: 'all' },
  // The role a function runs as is what it may do.
  aws_lambda_function: { documents: [], grants: ['role'] },
  aws_api_gateway_rest_api: { documents: ['policy'], grants: ['api_key_source'] },
  aws_api_gateway_rest_api_policy: { documents: ['policy'], grants: ['rest_api_id'] },
  aws_api_gateway_method: {
    documents: [],
    grants: [
      'http_method',
      'resource_id',
      'authorization',
      'authorizer_id',
      'authorization_scopes',
      'api_key_required',
    ],
  },
  // Which function decides who calls each method, from which header, and how long its answer holds.
  aws_api_gateway_authorizer: {
    documents: [],
    grants: [
      'type',
      'authorizer_uri',
      'authorizer_credentials',
      'identity_source',
      'provider_arns',
      'authorizer_result_ttl_in_seconds',
    ],
  },
  aws_api_gateway_usage_plan: { documents: [], grants: ['api_stages'] },
  // Who may get a token at all (self sign-up or operators only), and which claims are fixed.
  aws_cognito_user_pool: {
    documents: [],
    grants: ['admin_create_user_config', 'username_attributes', 'schema', 'mfa_configuration'],
  },
  // How a client app signs users in, and which attributes a user may write about themselves.
  aws_cognito_user_pool_client: {
    documents: [],
    grants: [
      'user_pool_id',
      'generate_secret',
      'explicit_auth_flows',
      'allowed_oauth_flows',
      'allowed_oauth_scopes',
      'callback_urls',
      'supported_identity_providers',
      'read_attributes',
      'write_attributes',
    ],
  },
  // A role group: the role claim of its members' tokens (and an IAM role, were one named).
  aws_cognito_user_group: { documents: [], grants: ['user_pool_id', 'name', 'role_arn'] },
  aws_api_gateway_usage_plan_key: { documents: [], grants: 'all' },
};

/** Types that grant nothing, each with why. */
export const GRANTS_NOTHING: Readonly<Record<string, string>> = {
  aws_api_gateway_api_key: 'a credential; what it reaches is its usage plan key and plan (listed)',
  aws_api_gateway_deployment: 'a snapshot of the API; access is on the methods',
  aws_api_gateway_gateway_response: 'the shape of error answers',
  aws_api_gateway_integration: 'invokes through the function permission (listed)',
  aws_api_gateway_method_settings: 'throttling, logging and metrics',
  aws_api_gateway_model: 'a request body schema',
  aws_api_gateway_request_validator: 'input validation',
  aws_api_gateway_resource: 'a path',
  aws_api_gateway_stage: 'a stage; its access is the usage plan (listed)',
  aws_appautoscaling_policy: 'capacity scaling',
  aws_appautoscaling_target: 'capacity limits; Application Auto Scaling uses its service-linked role',
  aws_cloudwatch_dashboard: 'a dashboard',
  aws_cloudwatch_log_group: 'storage; writers are granted in their role policies (listed)',
  aws_cloudwatch_metric_alarm: 'notifies through the alarm topic, whose policy is listed',
  aws_dynamodb_table: 'storage; every reader and writer is granted in a role policy (listed)',
  aws_kms_alias: 'a name for a key',
  aws_lambda_code_signing_config: 'which signing profiles Lambda trusts for code; it grants no principal anything',
  aws_lambda_event_source_mapping: "reads with the function's role (listed)",
  aws_lambda_function_event_invoke_config: "delivers with the function's role (listed)",
  aws_s3_object: 'a function bundle in the artifact bucket, whose policy is listed',
  aws_s3_bucket_lifecycle_configuration: 'object expiry',
  aws_s3_bucket_server_side_encryption_configuration: 'encryption at rest; the key policy is listed',
  aws_s3_bucket_versioning: 'object versions',
  aws_scheduler_schedule_group: 'a namespace; schedules run as the Scheduler role (listed)',
  aws_signer_signing_job: "signs one object with the deployer's credentials",
  aws_signer_signing_profile: 'signing material; who may sign is IAM (no profile permission is made)',
  aws_sns_topic_subscription: 'a delivery endpoint; who may publish is the topic policy (listed)',
  aws_ssm_parameter: 'a value; its readers are granted in role policies (listed)',
  aws_wafv2_web_acl: 'filters requests before the API; it grants nothing',
  aws_wafv2_web_acl_association: 'puts the web ACL in front of the stage',
  aws_wafv2_web_acl_logging_configuration: 'where WAF logs go; delivery is allowed by the log resource policy (listed)',
};

export const GRANTS_NOTHING_DATA: Readonly<Record<string, string>> = {
  aws_caller_identity: 'reads the account id',
  aws_partition: 'reads the partition',
  aws_region: 'reads the region',
};
