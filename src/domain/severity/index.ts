export { classifyTicket, type Classification, type MatchedSignal } from './classify-ticket.ts';
export { compileSeverityRules, ZSeverityRules, type CompiledSeverityRules, type SeverityRules } from './rules.ts';
export { SEVERITY_MEANING } from './meaning.ts';
