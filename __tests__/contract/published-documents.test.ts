/**
 * The committed documents under docs/ are the generated ones (src/contract/published-documents.ts,
 * `npm run docs`), nothing stale lies beside them, and docs/asyncapi.json is a valid AsyncAPI
 * document whose references to the notification schemas resolve (@asyncapi/parser, offline: every
 * reference is a file beside it).
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fromFile, Parser } from '@asyncapi/parser';
import { NOTIFICATION_TYPES, notificationSchema } from '../../src/contract/notification-schemas';
import { PUBLISHED_DOCUMENTS } from '../../src/contract/published-documents';
import { ASYNCAPI_DOCUMENT } from '../../src/contract/asyncapi';
import { referencedId, resourcesOfType, synthServiceStack } from '../support/synth';

const docs = path.resolve(__dirname, '../../docs');

test.each(Object.keys(PUBLISHED_DOCUMENTS))(
  'docs/%s is the generated document (run `npm run docs` after changing it)',
  (file) => {
    const committed = JSON.parse(readFileSync(path.join(docs, file), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(PUBLISHED_DOCUMENTS[file])));
  },
);

test('docs/notifications holds only generated schemas', () => {
  const generated = Object.keys(PUBLISHED_DOCUMENTS).filter((file) => file.startsWith('notifications/'));
  expect(
    readdirSync(path.join(docs, 'notifications'))
      .map((file) => `notifications/${file}`)
      .sort(),
  ).toEqual(generated.sort());
});

describe('docs/asyncapi.json', () => {
  test('the AsyncAPI parser accepts it with no diagnostic, and resolves each message body to its schema', async () => {
    // Act
    const { document, diagnostics } = await fromFile(new Parser(), path.join(docs, 'asyncapi.json')).parse();

    // Assess
    expect(diagnostics.map((d) => `${d.code} at ${d.path.join('.')}: ${d.message}`)).toEqual([]);
    const messages = document!.allMessages().all();
    expect(messages.map((message) => message.name())).toEqual(NOTIFICATION_TYPES);
    for (const message of messages) {
      const type = message.name() as (typeof NOTIFICATION_TYPES)[number];
      // The parser adds its own x-parser-schema-id to every schema; the rest is the published file.
      expect(message.payload()?.json()).toMatchObject(JSON.parse(JSON.stringify(notificationSchema(type))));
      expect(message.headers()?.json()).toMatchObject({ properties: { eventType: { const: type } } });
    }
  });

  test('the parser refuses a document whose message body points at no schema, so the test above can fail', async () => {
    const broken = JSON.parse(readFileSync(path.join(docs, 'asyncapi.json'), 'utf8'));
    broken.components.messages.appointmentConfirmed.payload = { $ref: './notifications/no-such.schema.json' };
    broken.operations.publishNotifications.action = 'publish';
    const { document, diagnostics } = await new Parser().parse(JSON.stringify(broken), {
      source: path.join(docs, 'asyncapi.json'),
    });
    expect(document).toBeUndefined();
    expect(diagnostics.map((d) => `${d.code} at ${d.path.join('.')}`).sort()).toEqual([
      'asyncapi-document-resolved at operations.publishNotifications.action',
      'invalid-ref at components.messages.appointmentConfirmed.payload.$ref',
    ]);
  });

  test("the channel's address is the name of the topic each stack outputs as notification_topic_arn", () => {
    const { address, parameters } = ASYNCAPI_DOCUMENT.channels.notifications;
    for (const environment of parameters.environment.enum) {
      const stack = synthServiceStack(environment);
      const topicId = referencedId(stack.output?.notification_topic_arn?.value, 'aws_sns_topic');
      const [, topic] = resourcesOfType(stack, 'aws_sns_topic').find(([id]) => id === topicId)!;
      expect(address.replace('{environment}', environment)).toBe(topic.name);
    }
  });
});
