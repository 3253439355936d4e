export { classifyTicket, type Classification } from './classify-ticket.ts';
export { applyHardRules, HARD_RULES, type HardRule } from './hard-rules.ts';
export { modelFromFile, modelFileText, ZSeverityModelFile, type SeverityModel } from './model/model-file.ts';
export { SEVERITY_MEANING, SEVERITY_SIGNS } from './meaning.ts';
