/**
 * Whether each client application, at its write throttle and sending nothing but the costliest
 * writes, stays within its share of the table's write ceiling (and of each index's): then no
 * client, however it behaves, takes write capacity that another client's limits count on, and
 * the write bill is bounded by the ceilings. `npm run capacity` fails when one does not.
 *
 * The usage plan throttles each writing method separately at the client's write rate, so the
 * worst case is every writing method at that rate at once: rate x the sum of their worst costs
 * (reads cost no WCU). The client's overall rate may be lower; the check does not count on it.
 */
import type { EnvironmentConfig } from '../config/environments';
import { WRITING_OPERATIONS } from '../constructs/api/client-usage-plans';
import { HTTP_OPERATIONS } from '../src/operations';
import { writeCosts } from './capacity-write-costs';

export interface WriteShareCheck {
  readonly environment: string;
  readonly client: string;
  /** WCU per second on the table at the client's write throttle, costliest writes only. */
  readonly worstWcu: number;
  /** The client's share of the table's write ceiling, in WCU per second. */
  readonly shareWcu: number;
  /** The same on each index. */
  readonly worstIndexWcu: number;
  readonly indexShareWcu: number;
  readonly holds: boolean;
  /** One line for the report: the arithmetic, and FAILS with what exceeds when it does not hold. */
  readonly line: string;
}

const round = (n: number) => Math.round(n * 10) / 10;

/** One check per client of each environment. */
export function writeShareChecks(
  environments: readonly Pick<EnvironmentConfig, 'name' | 'apiClients' | 'tableCapacity' | 'indexCapacity'>[],
): WriteShareCheck[] {
  const costs = writeCosts();
  const perRequest = WRITING_OPERATIONS.reduce((sum, op) => sum + costs[op].worstWcu, 0);
  const perRequestIndex = WRITING_OPERATIONS.reduce((sum, op) => sum + costs[op].worstIndexWcu, 0);
  const methods = WRITING_OPERATIONS.map((op) => HTTP_OPERATIONS[op].method).join(', ');
  return environments.flatMap((env) =>
    env.apiClients.map((client) => {
      const share = client.writeSharePercent / 100;
      const worstWcu = round(client.writeRateLimit * perRequest);
      const worstIndexWcu = round(client.writeRateLimit * perRequestIndex);
      const shareWcu = round(share * env.tableCapacity.write.max);
      const indexShareWcu = round(share * env.indexCapacity.write.max);
      const tableHolds = worstWcu <= shareWcu;
      const indexHolds = worstIndexWcu <= indexShareWcu;
      const arithmetic =
        `${env.name}: client ${client.name} at ${client.writeRateLimit}/s on each of ${methods} ` +
        `x ${perRequest} WCU = ${worstWcu} WCU/s on the table, ` +
        `${tableHolds ? 'within' : 'MORE than'} its ${client.writeSharePercent}% share of the ` +
        `${env.tableCapacity.write.max} WCU ceiling (${shareWcu}); x ${perRequestIndex} = ${worstIndexWcu} WCU/s ` +
        `on each index, ${indexHolds ? 'within' : 'MORE than'} its share of ${env.indexCapacity.write.max} (${indexShareWcu})`;
      return {
        environment: env.name,
        client: client.name,
        worstWcu,
        shareWcu,
        worstIndexWcu,
        indexShareWcu,
        holds: tableHolds && indexHolds,
        line: tableHolds && indexHolds ? arithmetic : `FAILS ${arithmetic}`,
      };
    }),
  );
}
