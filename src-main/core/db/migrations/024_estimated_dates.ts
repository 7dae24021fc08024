import { addColumnsMigration } from './addColumns';

/**
 * A due date counted into a year the holiday library does not know yet is an estimate
 * (addWorkdaysOrEstimate): the case keeps that beside the date, so the screens, the paperwork and
 * the reminder sent on that day say so too. Dates stored before this were all exact: 0.
 */
export const m024_estimated_dates = addColumnsMigration(24, 'exit review due date and deposit arrival window: marked as estimates', {
  exit_case: ['review_due_estimated INTEGER NOT NULL DEFAULT 0 CHECK (review_due_estimated IN (0, 1))'],
  deposit_case: ['window_estimated INTEGER NOT NULL DEFAULT 0 CHECK (window_estimated IN (0, 1))'],
});
