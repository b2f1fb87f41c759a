/**
 * AWS commercial regions that offer every service this stack uses (API Gateway REST APIs,
 * Lambda on arm64, DynamoDB, SNS, SQS, KMS, EventBridge Scheduler, CloudWatch). A region outside
 * this list fails synthesis instead of failing half-way through a deploy.
 */
export const SUPPORTED_REGIONS: readonly string[] = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ca-central-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-central-1',
  'eu-north-1',
  'eu-south-1',
  'ap-south-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-southeast-1',
  'ap-southeast-2',
  'sa-east-1',
];
