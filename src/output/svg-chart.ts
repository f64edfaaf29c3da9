/**
 * Charts as inline SVG, rendered at build time by Apache ECharts' server-side renderer (no browser, no DOM):
 * `init(null, null, { renderer: 'svg', ssr: true })` + `renderToSVGString()`. ECharts is loaded on first use
 * only (the other commands never pay for it).
 */
import { createRequire } from 'node:module';
import { trustedSvg, type Html } from './html.js';

/** An ECharts option object (plain JSON: series, axes, legend …) and the picture's size in pixels. */
export interface ChartSpec {
  /** Stable id: the browser test finds the chart by it (`data-chart`). */
  id: string;
  /** What the chart shows, for screen readers (aria-label). */
  label: string;
  width: number;
  height: number;
  option: Record<string, unknown>;
}

export type ChartRenderer = (spec: ChartSpec) => Html;

/** System fonts with CJK coverage on Windows, macOS, Linux and Android: no web font is fetched. */
export const FONT_STACK = "-apple-system,'Segoe UI','PingFang SC','Hiragino Sans GB','Microsoft YaHei','Noto Sans CJK SC','Source Han Sans SC','WenQuanYi Micro Hei',Roboto,Helvetica,Arial,sans-serif";

/**
 * Loads ECharts and returns a renderer. The one-file CommonJS build (`echarts/dist/echarts.js`, what `require`
 * resolves to) loads in about 80 ms of CPU; the ES module tree (`echarts/core` + the chart modules) takes
 * about 450 ms, for hundreds of small files.
 */
export async function loadChartRenderer(): Promise<ChartRenderer> {
  const core = createRequire(import.meta.url)('echarts') as typeof import('echarts');
  return (spec) => {
    const chart = core.init(null, null, { renderer: 'svg', ssr: true, width: spec.width, height: spec.height });
    try {
      chart.setOption({ animation: false, textStyle: { fontFamily: FONT_STACK }, ...spec.option });
      return trustedSvg(chart.renderToSVGString());
    } finally {
      chart.dispose(); // an undisposed chart keeps a timer alive and the process with it
    }
  };
}
