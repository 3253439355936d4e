export {
  affectedCustomers,
  DEADLINE_ANCHORS,
  FOLLOW_UP_KINDS,
  isCustomerFacing,
  planFollowUps,
  type AffectedCustomer,
  type DeadlineAnchor,
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
