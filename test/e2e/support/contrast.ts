import type { Page } from 'playwright-core';

export interface ContrastFinding {
  text: string;
  ratio: number;
}

/**
 * The `count` lowest WCAG contrast ratios on the page: each element that holds text of its own,
 * its computed colour against the first opaque background found walking up from it (text for
 * screen readers only, never drawn, is left out). Sent as a
 * string because the tests are type-checked without the DOM library.
 */
export async function lowestContrasts(page: Page, count = 3): Promise<ContrastFinding[]> {
  return (await page.evaluate(`(() => {
    const channels = (css) => css.match(/[\\d.]+/g).map(Number);
    const linear = (v) => { const s = v / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
    const luminance = ([r, g, b]) => 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
    const backdrop = (el) => {
      for (let at = el; at; at = at.parentElement) {
        const c = channels(getComputedStyle(at).backgroundColor);
        if (c.length < 4 || c[3] > 0) return c;
      }
      return [255, 255, 255];
    };
    const findings = [];
    for (const el of document.querySelectorAll('body *')) {
      if (![...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) continue;
      // Text for screen readers only is never drawn.
      if (el.closest('.visually-hidden')) continue;
      const [hi, lo] = [luminance(channels(getComputedStyle(el).color)), luminance(backdrop(el))].sort((a, b) => b - a);
      findings.push({ text: el.textContent.trim().slice(0, 40), ratio: Math.round(((hi + 0.05) / (lo + 0.05)) * 100) / 100 });
    }
    return findings.sort((a, b) => a.ratio - b.ratio).slice(0, ${String(count)});
  })()`)) as ContrastFinding[];
}
