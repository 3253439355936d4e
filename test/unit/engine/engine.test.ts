import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/engine/engine.ts';

describe('the engine tick', () => {
  it('runs a whole tick after a write even when a tick was already past that module', async () => {
    const seen: string[] = [];
    let data = 'old';
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let isFirst = true;
    const engine = createEngine({
      logger: pino({ level: 'silent' }),
      modules: [
        { name: 'steps', run: async () => void seen.push(`steps saw ${data}`) },
        {
          name: 'slow',
          run: async () => {
            if (isFirst) {
              isFirst = false;
              await gate;
            }
          },
        },
      ],
    });
    const first = engine.tick();
    await Promise.resolve();
    data = 'new';
    const mine = engine.tick();
    const alsoMine = engine.tick();
    release();
    await Promise.all([first, mine, alsoMine]);
    // The running tick saw the old data; one more tick (not two) ran after it and saw the write.
    expect(seen).toEqual(['steps saw old', 'steps saw new']);
  });

  it('isolates a failing module: the next ones still run', async () => {
    const ran: string[] = [];
    const engine = createEngine({
      logger: pino({ level: 'silent' }),
      modules: [
        {
          name: 'broken',
          run: async () => {
            throw new Error('boom');
          },
        },
        { name: 'next', run: async () => void ran.push('next') },
      ],
    });
    await engine.tick();
    expect(ran).toEqual(['next']);
    expect(engine.tickAgeMs()).toBeGreaterThanOrEqual(0);
  });
});
