/**
 * `npm run capacity`: capacity arithmetic and monthly cost at 1x and 10x the product's floor,
 * from the same numbers the configuration uses (config/environments.ts). Prints Markdown for the
 * README. Prices are inputs below (AWS list prices, us-east-1, on-demand, no free tier); check
 * them for your region: us-west-1 is typically 10-20% higher.
 */
import { DEFAULT_ENVIRONMENTS, ENVIRONMENT_NAMES } from '../config/environments';
import { writeCosts } from '../bench/capacity-write-costs';
import { writeShareChecks } from '../bench/capacity-write-shares';
import { SLOT_MINUTES } from '../src/domain/appointment';

const PRICE = {
  wcuHour: 0.00065,
  rcuHour: 0.00013,
  storageGbMonth: 0.25,
  pitrGbMonth: 0.2,
  lambdaGbSecondArm: 0.0000133334,
  lambdaPerMillion: 0.2,
  restApiPerMillion: 3.5,
  snsPublishPerMillion: 0.5,
  schedulerPerMillion: 1.0,
  kmsKeyMonth: 1.0,
  kmsPer10k: 0.03,
  alarmMonth: 0.1,
  dashboardMonth: 3.0,
  logsIngestGb: 0.5,
  customMetricMonth: 0.3,
  xrayPerMillion: 5.0,
  webAclMonth: 5.0,
  wafRuleMonth: 1.0,
  wafPerMillion: 0.6,
  vendedLogsGb: 0.5,
};

/**
 * What prod bills by the piece, as synthesized (a test counts them in the prod stack, so these
 * figures cannot drift from the stack).
 */
export const PROD_BILLED_RESOURCES = {
  kmsKeys: 4,
  alarms: 33,
  dashboards: 1,
  webAcls: 1,
  webAclRules: 3,
};

/** What one booking brings with it on a typical day (assumptions, stated in the README). */
const PER_BOOKING = {
  durationMinutes: 30,
  reschedules: 0.1,
  cancels: 0.1,
  gets: 3,
  listPages: 2,
  reminders: 2,
  /** Free-slot searches before a booking (a week of one provider, about 50 appointments read). */
  slotSearches: 2,
  itemKb: 1,
};

const HOURS_PER_MONTH = 730;
const DAYS_PER_MONTH = 30.4;

const locks = PER_BOOKING.durationMinutes / SLOT_MINUTES;
/** Transactional writes cost 2 WCU per KB-item; index writes 1 WCU per KB per index. */
/** Items of a booking's transaction besides its locks: appointment, customer's bookings, profile version check, day counter, idempotency record. */
const CREATE_ITEMS = 5 + locks;
const WCU = {
  create: 2 * CREATE_ITEMS * PER_BOOKING.itemKb,
  createIndexes: 2 * PER_BOOKING.itemKb, // two GSIs, ALL projection
  // Worst case: every lock moves, within the same local date (a move to another date adds 2 counters: 4 WCU).
  reschedule: 2 * (1 + 2 * locks + 1),
  cancel: 2 * (1 + locks + 1), // appointment, its locks, its day counter
  cancelIndexes: 2 * 2, // the item moves to the CANCELLED partitions of both indexes
  reminderClaim: 1,
};
const RCU = {
  get: 0.5, // eventually consistent, <= 4 KB
  profileRead: 0.5, // the provider's profile before a booking or a move, eventually consistent, <= 4 KB
  slotSearch: 0.5 + Math.ceil((50 * PER_BOOKING.itemKb) / 4) / 2, // the profile, and a week's appointments
  changeRead: 1, // consistent read before a reschedule or cancel
  listPage: Math.ceil((50 * PER_BOOKING.itemKb) / 4) / 2, // 50 items, eventually consistent
  reminderRead: 1, // consistent read by the sender
};

function month(bookingsPerDay: number) {
  const b = bookingsPerDay * DAYS_PER_MONTH;
  const writes =
    b * (WCU.create + WCU.createIndexes) +
    b * PER_BOOKING.reschedules * WCU.reschedule +
    b * PER_BOOKING.cancels * (WCU.cancel + WCU.cancelIndexes) +
    b * PER_BOOKING.reminders * WCU.reminderClaim;
  const reads =
    b * (PER_BOOKING.gets * RCU.get + PER_BOOKING.listPages * RCU.listPage) +
    b * PER_BOOKING.slotSearches * RCU.slotSearch +
    b * (1 + PER_BOOKING.reschedules) * RCU.profileRead +
    b * (PER_BOOKING.reschedules + PER_BOOKING.cancels) * RCU.changeRead +
    b * PER_BOOKING.reminders * RCU.reminderRead;
  const apiRequests =
    b *
    (1 +
      PER_BOOKING.reschedules +
      PER_BOOKING.cancels +
      PER_BOOKING.gets +
      PER_BOOKING.listPages +
      PER_BOOKING.slotSearches);
  const invocations = apiRequests + b * (1 + PER_BOOKING.reminders); // + stream batches (upper bound: one per change) + reminders
  const gbSeconds = invocations * 0.1 * 0.25; // ~100 ms at 256 MB
  const publishes = b * (1 + PER_BOOKING.reschedules + PER_BOOKING.cancels + PER_BOOKING.reminders);
  const dataGb = (bookingsPerDay * 365 * (1 + locks) * PER_BOOKING.itemKb) / 1e6; // a year kept
  return {
    writes,
    reads,
    apiRequests,
    invocations,
    gbSeconds,
    publishes,
    schedules: b * PER_BOOKING.reminders,
    dataGb,
  };
}

const BILLED = PROD_BILLED_RESOURCES;

function cost(bookingsPerDay: number, env: keyof typeof DEFAULT_ENVIRONMENTS) {
  const m = month(bookingsPerDay);
  const c = DEFAULT_ENVIRONMENTS[env];
  // Provisioned capacity is paid per hour at least at the floor, on the table and on each index.
  const avgWcuPerSecond = m.writes / (DAYS_PER_MONTH * 86_400);
  const avgRcuPerSecond = m.reads / (DAYS_PER_MONTH * 86_400);
  const target = c.tableCapacity.targetUtilization / 100;
  const provisionedWcu = Math.max(c.tableCapacity.write.min, avgWcuPerSecond / target) + 2 * c.indexCapacity.write.min;
  const provisionedRcu = Math.max(c.tableCapacity.read.min, avgRcuPerSecond / target) + 2 * c.indexCapacity.read.min;
  const lines = {
    'DynamoDB capacity': (provisionedWcu * PRICE.wcuHour + provisionedRcu * PRICE.rcuHour) * HOURS_PER_MONTH,
    'DynamoDB storage + PITR': m.dataGb * (PRICE.storageGbMonth + PRICE.pitrGbMonth),
    'API Gateway': (m.apiRequests / 1e6) * PRICE.restApiPerMillion,
    Lambda: (m.invocations / 1e6) * PRICE.lambdaPerMillion + m.gbSeconds * PRICE.lambdaGbSecondArm,
    'SNS + Scheduler':
      (m.publishes / 1e6) * PRICE.snsPublishPerMillion + (m.schedules / 1e6) * PRICE.schedulerPerMillion,
    [`KMS (${BILLED.kmsKeys} keys + requests)`]:
      BILLED.kmsKeys * PRICE.kmsKeyMonth + ((m.apiRequests + m.invocations) / 1e4) * PRICE.kmsPer10k * 0.1,
    // A web ACL, its rules, its requests, and its logs (about 1.5 KB per request, vended-log price).
    [`WAF (web ACL, ${BILLED.webAclRules} rules, requests, logs)`]:
      BILLED.webAcls * PRICE.webAclMonth +
      BILLED.webAclRules * PRICE.wafRuleMonth +
      (m.apiRequests / 1e6) * PRICE.wafPerMillion +
      ((m.apiRequests * 1.5) / 1e6) * PRICE.vendedLogsGb,
    [`CloudWatch (${BILLED.alarms} alarms, dashboard, logs, metrics)`]:
      BILLED.alarms * PRICE.alarmMonth +
      BILLED.dashboards * PRICE.dashboardMonth +
      m.invocations * 1e-6 * PRICE.logsIngestGb +
      8 * PRICE.customMetricMonth,
    'X-Ray': (m.invocations / 1e6) * PRICE.xrayPerMillion,
  };
  return { m, lines, total: Object.values(lines).reduce((a, b) => a + b, 0), provisionedWcu, provisionedRcu };
}

/** The costliest requests, and whether each client at its write throttle stays within its share. */
function printWriteShares(): boolean {
  console.log('\n### Write cost per client (the costliest requests at the write throttle)\n');
  console.log('| operation | items written | WCU (1 KB items) | WCU (longest text) | WCU per index |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const [operation, cost] of Object.entries(writeCosts()).filter(([, c]) => c.items > 0)) {
    console.log(
      `| ${operation} (${cost.note}) | ${cost.items} | ${cost.typicalWcu} | ${cost.worstWcu} | ${cost.worstIndexWcu} |`,
    );
  }
  const checks = writeShareChecks(ENVIRONMENT_NAMES.map((name) => ({ name, ...DEFAULT_ENVIRONMENTS[name] })));
  console.log('');
  for (const check of checks) console.log(`- ${check.line}`);
  const failing = checks.filter((check) => !check.holds);
  for (const check of failing) process.stderr.write(`${check.line}\n`);
  return failing.length === 0;
}

function main(): void {
  const usd = (n: number) => `$${n.toFixed(2)}`;
  console.log('### Capacity per operation\n');
  console.log('| operation | requests to DynamoDB | WCU | RCU |');
  console.log('| --- | --- | --- | --- |');
  console.log(
    `| create (${PER_BOOKING.durationMinutes} min = ${locks} slot locks, no buffers, with Idempotency-Key) | GetItem (profile) + 1 TransactWriteItems of ${CREATE_ITEMS} items | ${WCU.create} + ${WCU.createIndexes} on indexes | ${RCU.profileRead} |`,
  );
  console.log(`| free slots (a week, about 50 appointments) | GetItem + 1 Query | 0 | ${RCU.slotSearch} |`);
  console.log(`| get | 1 GetItem | 0 | ${RCU.get} |`);
  console.log(`| list (page of 50) | 1 Query | 0 | ${RCU.listPage} |`);
  console.log(
    `| reschedule (all ${locks} locks move, same local date) | 2 GetItem (appointment, profile) + TransactWriteItems | ${WCU.reschedule} | ${RCU.changeRead + RCU.profileRead} |`,
  );
  console.log(
    `| cancel | GetItem + TransactWriteItems | ${WCU.cancel} + ${WCU.cancelIndexes} on indexes | ${RCU.changeRead} |`,
  );
  console.log(`| reminder sent | GetItem + PutItem | ${WCU.reminderClaim} | ${RCU.reminderRead} |`);
  const peakWcu = 20 * (WCU.create + WCU.createIndexes / 2);
  console.log(
    `\nPeak of 20 bookings a second: 20 x ${WCU.create} = ${20 * WCU.create} WCU/s on the table and 20 x 1 = 20 WCU/s on each index (${peakWcu} in all).`,
  );
  for (const env of ['dev', 'prod'] as const) {
    const c = DEFAULT_ENVIRONMENTS[env];
    const holds = c.tableCapacity.write.max >= 20 * WCU.create && c.indexCapacity.write.max >= 20;
    console.log(
      `- ${env}: table writes ${c.tableCapacity.write.min}-${c.tableCapacity.write.max} WCU, index writes ${c.indexCapacity.write.min}-${c.indexCapacity.write.max}: the peak ${holds ? 'fits under the ceiling' : 'EXCEEDS the ceiling'} (at ${c.tableCapacity.targetUtilization}% target utilisation auto scaling aims for ${Math.ceil((20 * WCU.create) / (c.tableCapacity.targetUtilization / 100))} WCU).`,
    );
  }

  console.log('\n### Monthly cost (prod settings)\n');
  const low = cost(3_500, 'prod');
  const high = cost(35_000, 'prod');
  console.log('| | 3,500 bookings/day | 35,000 bookings/day |');
  console.log('| --- | --- | --- |');
  console.log(
    `| DynamoDB writes / reads per month | ${Math.round(low.m.writes).toLocaleString('en-US')} WCU / ${Math.round(low.m.reads).toLocaleString('en-US')} RCU | ${Math.round(high.m.writes).toLocaleString('en-US')} WCU / ${Math.round(high.m.reads).toLocaleString('en-US')} RCU |`,
  );
  console.log(
    `| average provisioned (table + 2 indexes) | ${low.provisionedWcu.toFixed(0)} WCU, ${low.provisionedRcu.toFixed(0)} RCU | ${high.provisionedWcu.toFixed(0)} WCU, ${high.provisionedRcu.toFixed(0)} RCU |`,
  );
  for (const line of Object.keys(low.lines)) {
    console.log(`| ${line} | ${usd(low.lines[line])} | ${usd(high.lines[line])} |`);
  }
  console.log(`| **total** | **${usd(low.total)}** | **${usd(high.total)}** |`);
  if (!printWriteShares()) process.exitCode = 1;
}

if (require.main === module) main();
