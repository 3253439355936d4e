export { decideDueTime, reasonsFor, termsText, type DueTimeDecision, type DueTimeTerms } from './terms.ts';
