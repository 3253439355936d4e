export * from './downtime.ts';
export * from './component-history.ts';
export * from './daily.ts';
export * from './allowance.ts';
