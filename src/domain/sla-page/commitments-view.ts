import type { SlaContent } from './content.ts';
import { percentText } from './page-view.ts';

const ms = (n: number) => `${n.toLocaleString('en-US')}\u00a0ms`;

/** The performance objectives, liability cap and security facts as the SLA template shows them. */
export function commitmentsView(c: SlaContent) {
  const s = c.slos;
  const compliance = c.compliance;
  return {
    slos: {
      hasAny: s.latency.length > 0 || s.errorRatePercent !== null,
      latency: s.latency.map((l) => ({ operation: l.operation, p95: ms(l.p95Ms), p99: ms(l.p99Ms) })),
      errorRate: s.errorRatePercent === null ? undefined : percentText(s.errorRatePercent),
      measurement: s.measurement,
      excludesUpstreamTime: s.excludesUpstreamTime,
    },
    liabilityCap: c.liabilityCap
      ? {
          months: c.liabilityCap.monthsOfFees,
          monthsText: c.liabilityCap.monthsOfFees === 1 ? 'month' : `${c.liabilityCap.monthsOfFees} months`,
          notCapped: c.liabilityCap.notCapped,
        }
      : undefined,
    compliance: compliance
      ? {
          ...compliance,
          certifications: compliance.certifications.map((x) => ({ name: x.name, detail: x.detail ?? undefined })),
          dpaUrl: compliance.dpaUrl ?? undefined,
          encryption: compliance.encryption ?? undefined,
        }
      : undefined,
  };
}
