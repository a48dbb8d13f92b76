// Charts of a programme's analytics, drawn with Apache ECharts (only the
// chart types used are bundled). Each chart has a text alternative: the
// figures are also in the funnel table and the lists beside it.
import { useEffect, useRef } from 'preact/hooks';
import { FunnelChart, HeatmapChart, SankeyChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { Analytics } from '../api';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { useLabels } from '../taxonomy';

echarts.use([FunnelChart, SankeyChart, HeatmapChart, GridComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

function Chart(props: { option: echarts.EChartsCoreOption; label: string; height?: number; id: string }) {
  const box = useRef<HTMLDivElement>(null);
  const key = JSON.stringify(props.option);
  useEffect(() => {
    if (!box.current) return;
    const chart = echarts.init(box.current, undefined, { renderer: 'canvas' });
    chart.setOption({ animation: false, ...props.option });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [key]);
  return <div ref={box} id={props.id} class="chart" role="img" aria-label={props.label} style={{ height: `${props.height ?? 320}px` }} />;
}

export function AnalyticsCharts(props: { analytics: Analytics }) {
  const { t, number } = useI18n();
  const labels = useLabels();
  const a = props.analytics;
  const stage = (s: string) => t(`stage_${s}` as MessageKey);

  const funnel: echarts.EChartsCoreOption = {
    tooltip: { trigger: 'item' },
    series: [
      {
        type: 'funnel',
        sort: 'none',
        minSize: '10%',
        left: '5%',
        width: '90%',
        label: { position: 'inside', formatter: '{b}: {c}', color: '#1b1f24' },
        data: a.funnel.stages.map((s) => ({ name: stage(s.stage), value: s.reached })),
      },
    ],
  };

  // Sankey nodes must be unique: a country sends on the left and receives on the right.
  const from = (code: string) => `${labels.label('countries', code)} →`;
  const to = (code: string) => `→ ${labels.label('countries', code)}`;
  const nodes = new Set<string>();
  for (const f of a.flows) {
    nodes.add(from(f.from_country));
    nodes.add(to(f.to_country));
  }
  const flows: echarts.EChartsCoreOption = {
    tooltip: { trigger: 'item' },
    series: [
      {
        type: 'sankey',
        data: [...nodes].map((name) => ({ name })),
        links: a.flows.map((f) => ({ source: from(f.from_country), target: to(f.to_country), value: f.deals })),
        lineStyle: { color: 'gradient', opacity: 0.5 },
      },
    ],
  };

  const areaLabel = (area: string) => (area ? labels.label('therapeutic_areas', area) : t('area_unspecified'));
  const areaNames = a.areas.map((x) => areaLabel(x.area));
  const columns = [t('deals_count'), t('agreements_count')];
  const max = Math.max(1, ...a.areas.map((x) => x.deals));
  const areas: echarts.EChartsCoreOption = {
    tooltip: { position: 'top' },
    grid: { left: 180, right: 20, top: 20, bottom: 60 },
    xAxis: { type: 'category', data: columns, axisLabel: { interval: 0 } },
    yAxis: { type: 'category', data: areaNames },
    visualMap: { min: 0, max, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: ['#e3eef3', '#0b5a7a'] } },
    series: [
      {
        type: 'heatmap',
        data: a.areas.flatMap((x, row) => [
          [0, row, x.deals],
          [1, row, x.agreements],
        ]),
        label: { show: true },
      },
    ],
  };

  const funnelText = a.funnel.stages.map((s) => `${stage(s.stage)} ${number(s.reached)}`).join(', ');
  const flowText = a.flows
    .map((f) => `${labels.label('countries', f.from_country)} → ${labels.label('countries', f.to_country)}: ${number(f.deals)}`)
    .join('; ');
  const areaText = a.areas.map((x) => `${areaLabel(x.area)}: ${number(x.deals)}`).join('; ');
  return (
    <div class="charts">
      <figure>
        <figcaption>{t('chart_funnel')}</figcaption>
        <Chart id="chart-funnel" option={funnel} label={`${t('chart_funnel')}: ${funnelText}`} />
      </figure>
      {a.flows.length > 0 && (
        <figure>
          <figcaption>{t('chart_flows')}</figcaption>
          <Chart id="chart-flows" option={flows} label={`${t('chart_flows')}: ${flowText}`} />
        </figure>
      )}
      {a.areas.length > 0 && (
        <figure>
          <figcaption>{t('chart_areas')}</figcaption>
          <Chart id="chart-areas" option={areas} label={`${t('chart_areas')}: ${areaText}`} height={Math.max(200, 60 + 36 * a.areas.length)} />
        </figure>
      )}
    </div>
  );
}
