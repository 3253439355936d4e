import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { classifyTicket } from '../../../../src/domain/severity/index.ts';
import { SEVERITIES, type Severity } from '../../../../src/domain/types.ts';
import { readYaml, shippedRules } from './load-rules.ts';

const ZLabelledTickets = z.object({
  tickets: z
    .array(
      z
        .object({
          text: z.string().min(1),
          expected: z.enum(SEVERITIES),
          proposed: z.enum(SEVERITIES).optional(),
          note: z.string().optional(),
        })
        .strict(),
    )
    .min(160),
});

type Matrix = Record<Severity, Record<Severity, number>>;

function renderMatrix(matrix: Matrix): string {
  const header = `expected \\ got  ${SEVERITIES.map((s) => s.padStart(4)).join('')}`;
  const rows = SEVERITIES.map(
    (expected) =>
      `${expected.padEnd(16)}${SEVERITIES.map((got) => String(matrix[expected][got]).padStart(4)).join('')}`,
  );
  return [header, ...rows].join('\n');
}

describe('classifier accuracy on the labelled fixtures', () => {
  it('classifies at least 90 % correctly and every S1 as S1', () => {
    const rules = shippedRules();
    const { tickets } = ZLabelledTickets.parse(readYaml('test/fixtures/tickets.labelled.yaml'));
    const matrix = Object.fromEntries(
      SEVERITIES.map((e) => [e, Object.fromEntries(SEVERITIES.map((g) => [g, 0]))]),
    ) as Matrix;
    const misses: string[] = [];
    for (const ticket of tickets) {
      const { severity } = classifyTicket({ text: ticket.text, proposedSeverity: ticket.proposed, rules });
      matrix[ticket.expected][severity] += 1;
      if (severity !== ticket.expected) misses.push(`${ticket.expected}→${severity}: ${ticket.text}`);
    }
    const correct = SEVERITIES.reduce((sum, s) => sum + matrix[s][s], 0);
    const accuracy = correct / tickets.length;
    const s1Total = SEVERITIES.reduce((sum, s) => sum + matrix.S1[s], 0);
    const s1Recall = matrix.S1.S1 / s1Total;

    console.log(
      [
        renderMatrix(matrix),
        `accuracy ${(accuracy * 100).toFixed(1)} % (${correct}/${tickets.length}), S1 recall ${(s1Recall * 100).toFixed(1)} % (${matrix.S1.S1}/${s1Total})`,
        ...misses.map((miss) => `  miss ${miss}`),
      ].join('\n'),
    );

    expect(s1Recall, 'every S1 ticket must be classified S1').toBe(1);
    expect(accuracy).toBeGreaterThanOrEqual(0.9);
  });
});
