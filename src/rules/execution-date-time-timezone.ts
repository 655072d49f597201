import { finding } from '../findings.js';
import { PASS, type CredentialFacts, type Rule } from './rule.js';

/** xs:dateTime allows a value without a timezone; a future-dated execution time must name an instant. */
export const executionDateTimeTimezone: Rule<CredentialFacts> = {
  name: 'execution-date-time-timezone',
  code: 'EXECUTION_DATETIME_NO_TIMEZONE',
  check: ({ body }) => {
    const executionDateTime = body.executionDateTime;
    if (!executionDateTime || executionDateTime.hasTimezone) return PASS;
    return [finding('EXECUTION_DATETIME_NO_TIMEZONE', { executionDateTime: executionDateTime.text }, { path: `${body.path}/ExecutionDateTime` })];
  },
};
