/**
 * The registry (src/operations.ts) is the one list of functions: every folder under functions/
 * is in it and nothing else is, each HTTP operation's parameters and body agree with its path,
 * and the environment a construct hands a function is exactly what the registry says it reads.
 */
import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { ENV } from '../../src/environment';
import {
  FUNCTION_NAMES,
  functionEnvironment,
  handlerModule,
  HTTP_OPERATIONS,
  OPERATION_NAMES,
} from '../../src/operations';

const ROOT = path.resolve(__dirname, '..', '..');

describe('the registry of operations', () => {
  it('lists exactly the functions that have a handler module under functions/', () => {
    const folders = readdirSync(path.join(ROOT, 'functions')).filter((entry) =>
      existsSync(path.join(ROOT, 'functions', entry, 'handler.ts')),
    );
    expect([...FUNCTION_NAMES].sort()).toEqual(folders.sort());
    for (const name of FUNCTION_NAMES) expect(existsSync(path.join(ROOT, handlerModule(name)))).toBe(true);
  });

  it('declares a required path parameter for every {name} in a resource path, and no other', () => {
    for (const name of OPERATION_NAMES) {
      const { resourcePath, parameters } = HTTP_OPERATIONS[name];
      const inPath = [...resourcePath.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const declared = parameters.filter((p) => p.in === 'path');
      expect(declared.map((p) => p.name)).toEqual(inPath);
      for (const parameter of declared) expect(parameter.required).toBe(true);
    }
  });

  it('gives a body schema to POST, PATCH, DELETE and PUT only, each a titled draft-04 schema', () => {
    const withBody = OPERATION_NAMES.filter((name) => HTTP_OPERATIONS[name].requestBody !== undefined);
    expect(withBody).toEqual(['create-appointment', 'update-appointment', 'cancel-appointment', 'put-provider']);
    expect(withBody.map((name) => HTTP_OPERATIONS[name].method)).toEqual(['POST', 'PATCH', 'DELETE', 'PUT']);
    expect(withBody.map((name) => HTTP_OPERATIONS[name].requestBody?.title)).toEqual([
      'CreateAppointmentRequest',
      'UpdateAppointmentRequest',
      'CancelAppointmentRequest',
      'ProviderProfileRequest',
    ]);
  });

  it('routes each method and resource path to one operation only', () => {
    const keys = OPERATION_NAMES.map((name) => `${HTTP_OPERATIONS[name].method} ${HTTP_OPERATIONS[name].resourcePath}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('functionEnvironment', () => {
  const everything = {
    [ENV.tableName]: 'table',
    [ENV.topicArn]: 'topic',
    [ENV.pageTokenSecretParameter]: '/secret',
    [ENV.scheduleGroupName]: 'group',
    [ENV.reminderFunctionArn]: 'reminder',
    [ENV.schedulerRoleArn]: 'role',
    [ENV.scheduleDeadLetterQueueArn]: 'dlq',
  };

  it('picks only the variables the function reads', () => {
    expect(functionEnvironment('list-appointments', everything)).toEqual({
      TABLE_NAME: 'table',
      PAGE_TOKEN_SECRET_PARAMETER: '/secret',
    });
    expect(functionEnvironment('send-reminder', everything)).toEqual({ TABLE_NAME: 'table', TOPIC_ARN: 'topic' });
    expect(Object.keys(functionEnvironment('publish-appointment-events', everything))).toEqual([
      'TOPIC_ARN',
      'SCHEDULE_GROUP_NAME',
      'REMINDER_FUNCTION_ARN',
      'SCHEDULER_ROLE_ARN',
      'SCHEDULE_DLQ_ARN',
    ]);
  });

  it('refuses, naming the variable, when a value the function reads is missing', () => {
    expect(() => functionEnvironment('send-reminder', { TABLE_NAME: 'table' })).toThrow(
      'Function send-reminder reads TOPIC_ARN, but no value was given for it',
    );
  });
});
