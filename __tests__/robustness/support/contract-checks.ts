/**
 * The invariants every answer must hold, whatever was sent, and the write check: every item a
 * batch of requests changed must be explained by a 2xx answer of that batch, so a 4xx (or a 2xx
 * read) never writes.
 */
import { idempotencyRecordKey } from '../../../src/data/idempotency';
import { Figures } from './figures';

export interface Answer {
  readonly status: number;
  readonly headers: Record<string, unknown>;
  readonly rawBody: string;
}

/** Where a request could smuggle text into an answer: an echo of it is not a leak. */
export type SentText = readonly string[];

const UPPER_SNAKE = /^[A-Z]+(?:_[A-Z]+)*$/;
/** A V8 stack frame: `at fn (/path/file.ts:12:3)`, `at node:internal/...`. */
const STACK_FRAME = /\bat (?:[\w$.<>[\] ]+ )?\(?(?:\/|node:|file:|[A-Za-z]:\\)[^\n)]*:\d+:\d+\)?/;
/** Names of errors that would betray internals: `TypeError`, `ValidationException`, ... */
const INTERNAL_NAME = /\b[A-Za-z]*(?:Error|Exception)\b:?/g;

function violation(message: string, answer: Answer): Error {
  return new Error(`${message}\nstatus ${answer.status}, body: ${answer.rawBody.slice(0, 500)}`);
}

/**
 * Never 5xx; a 4xx carries `{"error":{"code":UPPER_SNAKE,"message":string,"details"?:[...]}}`;
 * no body holds a stack frame or an internal error name that the request did not send itself.
 * Throws on the first failure; counts each check that passed.
 */
export function checkAnswer(answer: Answer, sent: SentText, figures: Figures): void {
  if (!(answer.status >= 200 && answer.status < 300) && !(answer.status >= 400 && answer.status < 500)) {
    throw violation('answered neither 2xx nor 4xx', answer);
  }
  figures.invariantsChecked += 1;
  if (answer.status >= 400) {
    let body: unknown;
    try {
      body = JSON.parse(answer.rawBody);
    } catch {
      throw violation('a 4xx body is not JSON', answer);
    }
    const error = (body as { error?: Record<string, unknown> } | null)?.error;
    const keys = Object.keys(body as object);
    const shapeOk =
      keys.length === 1 &&
      error !== undefined &&
      typeof error.code === 'string' &&
      UPPER_SNAKE.test(error.code) &&
      typeof error.message === 'string' &&
      error.message.length > 0 &&
      (error.details === undefined ||
        (Array.isArray(error.details) &&
          error.details.every(
            (d: { path?: unknown; message?: unknown; reason?: unknown }) =>
              (typeof d.path === 'string' && typeof d.message === 'string') ||
              // OUTSIDE_AVAILABILITY's one detail names the rule that refused the interval.
              (error.code === 'OUTSIDE_AVAILABILITY' && typeof d.reason === 'string' && UPPER_SNAKE.test(d.reason)),
          )));
    if (!shapeOk) throw violation('a 4xx body is not the contract error shape', answer);
    figures.invariantsChecked += 1;
  }
  if (STACK_FRAME.test(answer.rawBody)) throw violation('the body holds a stack frame', answer);
  const echoed = (name: string) => sent.some((text) => text.includes(name.replace(/:$/, '')));
  const leaked = (answer.rawBody.match(INTERNAL_NAME) ?? []).filter((name) => !echoed(name));
  if (leaked.length > 0) throw violation(`the body names internal errors: ${leaked.join(', ')}`, answer);
  figures.invariantsChecked += 1;
}

export type Item = Record<string, unknown>;

/** JSON with sorted object keys: two scans may list an item's attributes in different orders. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

/** What the 2xx answers of a batch may have written. */
export class WriteLedger {
  private readonly appointmentIds = new Set<string>();
  private readonly idempotencyKeys = new Set<string>();
  /** `DAY#<tenant>#<provider>#` prefixes of the day counters the batch's 2xx may have moved. */
  private readonly providerDays = new Set<string>();
  /** Keys of the profile and version items a 2xx PUT of a provider wrote. */
  private readonly profileKeys = new Set<string>();

  /** A 2xx `PUT /providers/{providerId}`: its profile item and its version item may change. */
  allowProfile(tenantId: string, providerId: string): void {
    this.profileKeys.add(`PROFILE#${tenantId}#${providerId}`);
    this.profileKeys.add(`PROFILE_VERSION#${tenantId}#${providerId}`);
  }

  /**
   * A 2xx of create, update or cancel: this appointment, its locks, its key, and the day counters
   * of its provider (`provider`: the tenant and provider the appointment belongs to) may change.
   */
  allow(
    appointmentId: string,
    idempotency?: { tenantId: string; subject: string; key: string },
    provider?: { tenantId: string; providerId: string },
  ): void {
    this.appointmentIds.add(appointmentId);
    if (idempotency)
      this.idempotencyKeys.add(idempotencyRecordKey(idempotency.tenantId, idempotency.subject, idempotency.key).pk);
    if (provider) this.providerDays.add(`DAY#${provider.tenantId}#${provider.providerId}#`);
  }

  private explains(before: Item | undefined, after: Item | undefined): boolean {
    const item = (after ?? before) as Item;
    const pk = String(item.pk);
    if (item.sk === 'IDEMPOTENCY') return this.idempotencyKeys.has(pk);
    if (item.sk === 'COUNT') return [...this.providerDays].some((prefix) => pk.startsWith(prefix));
    if (item.sk === 'PROVIDER' || item.sk === 'VERSION') return this.profileKeys.has(pk);
    // A customer's bookings item changes with each booking, which adds itself to `recent`.
    if (item.sk === 'CUSTOMER') {
      const recent = (item.recent ?? []) as { appointmentId: string }[];
      return recent.some((entry) => this.appointmentIds.has(entry.appointmentId));
    }
    return [before?.appointmentId, after?.appointmentId].some(
      (id) => typeof id === 'string' && this.appointmentIds.has(id),
    );
  }

  /**
   * Compares two full scans (sorted by key): every added, removed or changed item must be
   * explained. Returns how many items were compared; throws naming the first unexplained one.
   */
  check(before: readonly Item[], after: readonly Item[]): number {
    const keyOf = (item: Item) => `${item.pk}|${item.sk}`;
    const old = new Map(before.map((item) => [keyOf(item), item]));
    const now = new Map(after.map((item) => [keyOf(item), item]));
    for (const key of new Set([...old.keys(), ...now.keys()])) {
      const [was, is] = [old.get(key), now.get(key)];
      if (canonical(was) === canonical(is)) continue;
      if (!this.explains(was, is)) {
        throw new Error(`item ${key} changed without a 2xx that explains it:\n${JSON.stringify({ was, is })}`);
      }
    }
    return now.size;
  }
}
