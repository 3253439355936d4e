// Child of bench:severity: RSS after importing the classifier (baseline), then after loading the
// model and classifying, each after a full GC. Prints one JSON line.
import { loadSeverityModel } from '../../src/config/load-severity-model.ts';
import { classifyTicket } from '../../src/domain/severity/index.ts';

const gc = (globalThis as { gc?: () => void }).gc;
const settle = () => {
  gc?.();
  gc?.();
  return process.memoryUsage().rss / 1024 / 1024;
};
const baseline = settle();
const model = loadSeverityModel(process.argv[2] ?? 'models/severity.json');
for (let i = 0; i < 200; i++) classifyTicket({ text: `Nothing loads for anyone since ${i}:00, every call 503`, model });
const loaded = settle();
process.stdout.write(
  `${JSON.stringify({ baselineMb: baseline, loadedMb: loaded, features: model.features.length })}\n`,
);
