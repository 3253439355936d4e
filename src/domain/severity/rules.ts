import { z } from 'zod';
import { SEVERITIES, type Severity } from '../types.ts';
import { expandPattern } from './patterns.ts';

const ZRegexSource = z.string().min(1);
const ZId = z.string().regex(/^[a-z][a-z0-9_]*$/, 'ids are lower_snake_case');

/** A modifier does not point at a severity; it shifts one within S2–S3 or is only recorded. */
export const MODIFIER_EFFECTS = ['raise', 'lower', 'note'] as const;
export type ModifierEffect = (typeof MODIFIER_EFFECTS)[number];

export const ZSignalGroup = z
  .object({
    label: z.string().min(1),
    reason: z.string().min(1),
    points: z.enum([...SEVERITIES, 'modifier']),
    effect: z.enum(MODIFIER_EFFECTS).optional(),
    outranks: z.array(ZId).default([]),
    /** False for groups a nearby "not" belongs to something else: "does not open for anyone". */
    negatable: z.boolean().default(true),
    patterns: z.array(ZRegexSource).min(1),
  })
  .strict();

export const ZSeverityRules = z
  .object({
    version: z.literal(1),
    fallback: z.object({ question: z.enum(SEVERITIES), statement: z.enum(SEVERITIES) }).strict(),
    normalise: z
      .object({ replacements: z.array(z.object({ find: ZRegexSource, replace: z.string() }).strict()) })
      .strict(),
    negation: z
      .object({
        window: z.number().int().min(1).max(12),
        cues: z.array(z.string().regex(/^[a-z]+$/, 'cues are single lower-case words')),
        clause_breaks: z.array(ZRegexSource),
        after: z.array(ZRegexSource).default([]),
      })
      .strict(),
    vocabulary: z.record(ZId, z.array(ZRegexSource).min(1)).default({}),
    signals: z.record(ZId, ZSignalGroup),
  })
  .strict()
  .superRefine((rules, ctx) => {
    for (const [id, group] of Object.entries(rules.signals)) {
      const path = ['signals', id];
      if ((group.points === 'modifier') !== (group.effect !== undefined)) {
        ctx.addIssue({
          code: 'custom',
          path: [...path, 'effect'],
          message: 'a modifier needs an effect; a severity signal must not have one',
        });
      }
      for (const [i, target] of group.outranks.entries()) {
        if (!(target in rules.signals))
          ctx.addIssue({ code: 'custom', path: [...path, 'outranks', i], message: `unknown signal group "${target}"` });
      }
      for (const [i, source] of group.patterns.entries()) {
        const problem = regexProblem(() => expandPattern(source, rules.vocabulary));
        if (problem) ctx.addIssue({ code: 'custom', path: [...path, 'patterns', i], message: problem });
      }
    }
    for (const [key, list] of [
      ['normalise', rules.normalise.replacements.map((r) => r.find)],
      ['negation', rules.negation.clause_breaks],
      ['negation', rules.negation.after],
    ] as const) {
      for (const [i, source] of list.entries()) {
        const problem = regexProblem(() => new RegExp(source, 'u'));
        if (problem) ctx.addIssue({ code: 'custom', path: [key, i], message: problem });
      }
    }
  });

export type SeverityRules = z.infer<typeof ZSeverityRules>;

export interface CompiledSignalGroup {
  readonly id: string;
  readonly label: string;
  readonly reason: string;
  readonly points: Severity | 'modifier';
  readonly effect?: ModifierEffect;
  readonly outranks: readonly string[];
  readonly negatable: boolean;
  readonly patterns: readonly RegExp[];
}

export interface CompiledSeverityRules {
  /** When no severity signal matched: a text with a question mark is a question, else a statement. */
  readonly fallback: { readonly question: Severity; readonly statement: Severity };
  readonly replacements: readonly { readonly find: RegExp; readonly replace: string }[];
  readonly negation: {
    readonly window: number;
    readonly cues: ReadonlySet<string>;
    readonly clauseBreak: RegExp;
    readonly after: readonly RegExp[];
  };
  /** In file order: the first group of a severity names it in the reason. */
  readonly groups: readonly CompiledSignalGroup[];
}

/** Validates parsed rules (throws the ZodError, whose issues name the bad key) and compiles the patterns once. */
export function compileSeverityRules(raw: unknown): CompiledSeverityRules {
  const rules = ZSeverityRules.parse(raw);
  return {
    fallback: rules.fallback,
    replacements: rules.normalise.replacements.map(({ find, replace }) => ({ find: new RegExp(find, 'gu'), replace })),
    negation: {
      window: rules.negation.window,
      cues: new Set(rules.negation.cues.map((cue) => cue.toLowerCase())),
      clauseBreak: new RegExp(rules.negation.clause_breaks.join('|'), 'gu'),
      after: rules.negation.after.map((source) => new RegExp(source, 'u')),
    },
    groups: Object.entries(rules.signals).map(([id, group]) => ({
      id,
      label: group.label,
      reason: group.reason,
      points: group.points,
      ...(group.effect ? { effect: group.effect } : {}),
      outranks: group.outranks,
      negatable: group.negatable,
      patterns: group.patterns.map((source) => expandPattern(source, rules.vocabulary)),
    })),
  };
}

function regexProblem(compile: () => unknown): string | undefined {
  try {
    compile();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}
