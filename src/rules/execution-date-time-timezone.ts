import { finding } from '../findings.js';
import { EXECUTION_DATE_TIME } from './paths.js';
import { PASS, type Rule } from './rule.js';

/** xs:dateTime allows a value without a timezone; a future-dated execution time must name an instant. */
export const executionDateTimeTimezone: Rule = {
  name: 'execution-date-time-timezone',
  check: ({ request }) => {
    const executionDateTime = request.body.executionDateTime;
    if (!executionDateTime || executionDateTime.hasTimezone) return PASS;
    return [
      finding('EXECUTION_DATETIME_NO_TIMEZONE', {
        detail: `ExecutionDateTime ${executionDateTime.text} has no timezone (add Z or an offset)`,
        path: EXECUTION_DATE_TIME,
        params: { received: executionDateTime.text },
      }),
    ];
  },
};
