/** The application name that prefixes every physical resource name and stack name. */
export const APP_NAME = 'appointments';

/**
 * The one place physical names are made: `${app}-${env}-${purpose}`.
 *
 * `purpose` says what the thing is for (`bookings`, `create-appointment`), never what AWS calls
 * it. Names are lower-case and hyphenated so that they are valid for every service used here
 * (S3 buckets are the strictest: 3-63 characters of `[a-z0-9-]`).
 */
export function resourceName(env: string, purpose: string): string {
  const name = `${APP_NAME}-${env}-${purpose}`;
  if (!/^[a-z0-9][a-z0-9-]*[a-z0-9]$/.test(name) || name.length > 63) {
    throw new Error(
      `Resource name "${name}" is not valid: use 3-63 characters of lower-case letters, digits and hyphens`,
    );
  }
  return name;
}

/** Name of the Terraform stack (and of its directory under cdktf.out/stacks) for an environment. */
export function stackName(env: string): string {
  return `${APP_NAME}-${env}`;
}

export const BOOTSTRAP_STACK_NAME = `${APP_NAME}-bootstrap`;

/**
 * The names of one environment's service: its physical resource names (`resourceName`) and the
 * service name that its logs and metrics carry. Constructs receive it as a prop.
 */
export class ServiceNaming {
  /** `${app}-${env}`: the service name in logs and metrics (Powertools' `service`). */
  readonly serviceName: string;

  constructor(readonly environmentName: string) {
    this.serviceName = stackName(environmentName);
  }

  /** Physical name `${app}-${env}-${purpose}`. */
  name(purpose: string): string {
    return resourceName(this.environmentName, purpose);
  }
}
