/**
 * What every function reads from its environment. No AWS imports: the infrastructure code sets
 * the same names and values it reads here.
 */

/** CloudWatch namespace of the metrics the functions emit (Powertools Metrics, EMF). */
export const METRICS_NAMESPACE = 'Appointments';

/** A required environment variable, or an error that names it. */
export function requiredEnvironment(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is required but not set`);
  return value;
}
