export {
  affectedCustomers,
  FOLLOW_UP_KINDS,
  isCustomerFacing,
  planFollowUps,
  type AffectedCustomer,
  type FollowUpKind,
  type FollowUpTerms,
  type PlannedFollowUp,
} from './deadline-plan.ts';
export {
  isPastDue,
  nextOverdueReminder,
  overdueNumber,
  planReminders,
  subtractBusinessMinutes,
  type PlannedReminder,
  type ReminderKind,
} from './reminder-schedule.ts';
