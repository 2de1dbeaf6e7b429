/**
 * Accepted events per day as stacked bars, one colour per event type (Chart.js, only the bar
 * parts registered; this file and the library load only with a dashboard).
 */
import { useEffect, useRef } from 'react';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  Tooltip,
} from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

const COLOURS = [
  '#1967d2',
  '#1e8e3e',
  '#b06000',
  '#7b1fa2',
  '#c5221f',
  '#00838f',
  '#5f6368',
  '#ad1457',
];

/** `days` on the x axis; one dataset per series. */
export default function EventsChart(props: {
  days: string[];
  series: { label: string; counts: number[] }[];
  label: string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: {
        labels: props.days,
        datasets: props.series.map((s, i) => ({
          label: s.label,
          data: s.counts,
          backgroundColor: COLOURS[i % COLOURS.length],
        })),
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: {
          x: { stacked: true },
          y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } },
        },
        plugins: { legend: { position: 'bottom', labels: { boxWidth: 12 } } },
      },
    });
    return () => chart.destroy();
  }, [props.days, props.series]);
  return (
    <div className="chart-box">
      <canvas ref={canvas} role="img" aria-label={props.label} data-testid="events-chart" />
    </div>
  );
}
