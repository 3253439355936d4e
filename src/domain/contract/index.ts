export * from './affected.ts';
export * from './credits.ts';
export * from './customer-uptime.ts';
export * from './error-budget.ts';
export * from './months.ts';
export * from './triggers.ts';
export * from './monthly-report.ts';
