import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { Appointment } from '../domain/appointment';
import { appointmentFromItem, isAppointmentItem, tenantOfItem } from '../data/items';

type Image = NonNullable<NonNullable<DynamoDBRecord['dynamodb']>['NewImage']>;

/** The appointment images of a stream record, or undefined when the record is about another item kind. */
export function appointmentImages(
  record: DynamoDBRecord,
): { tenantId: string; before: Appointment | undefined; after: Appointment | undefined } | undefined {
  const oldItem = toItem(record.dynamodb?.OldImage);
  const newItem = toItem(record.dynamodb?.NewImage);
  const item = newItem ?? oldItem;
  if (!item || !isAppointmentItem(item)) return undefined;
  return {
    // Both images are of one key, and the key holds the tenant: one tenant for both.
    tenantId: tenantOfItem(item),
    before: oldItem ? appointmentFromItem(oldItem) : undefined,
    after: newItem ? appointmentFromItem(newItem) : undefined,
  };
}

function toItem(image: Image | undefined): Record<string, unknown> | undefined {
  // Lambda's and the SDK's AttributeValue types describe the same JSON; only B differs in
  // representation, and appointment items hold no binary attributes.
  return image ? unmarshall(image as Record<string, AttributeValue>) : undefined;
}
