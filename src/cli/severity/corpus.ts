import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { SEVERITIES } from '../../domain/types.ts';

export const ZLabelledMessage = z.object({
  text: z.string().min(1),
  severity: z.enum(SEVERITIES),
  family: z.string().min(1),
  source: z.string().min(1),
});
export type LabelledMessage = z.infer<typeof ZLabelledMessage>;

/** Every `*.jsonl` file of a corpus folder, in file-name order, each line validated. */
export function readCorpus(dir: string): LabelledMessage[] {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.jsonl'))
    .sort();
  return files.flatMap((name) =>
    readFileSync(join(dir, name), 'utf8')
      .split('\n')
      .map((line, i) => ({ line, i }))
      .filter(({ line }) => line.trim() !== '')
      .map(({ line, i }) => {
        const parsed = ZLabelledMessage.safeParse(JSON.parse(line));
        if (!parsed.success) throw new Error(`${name}:${i + 1}: ${parsed.error.issues[0]?.message}`);
        return parsed.data;
      }),
  );
}

export const CORPUS_DIRS = { train: 'data/severity/train', test: 'data/severity/test' } as const;
