// The only module that imports chart.js. `<usage-chart>` loads it with a dynamic import(), so
// bundlers put chart.js in a chunk of its own that pages without a chart never download.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
  type ChartData,
  type ChartOptions,
} from "chart.js";
import { CHART_LOADED_MARK, type UsageChartHandle, type UsageChartOptions } from "./chart-data.js";

// Only the pieces drawn here, so tree shaking drops the other chart types, scales and plugins.
Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip, Legend);

performance.mark(CHART_LOADED_MARK);

type UsageChartType = "bar" | "line";

function chartData({ series, theme, text }: UsageChartOptions): ChartData<UsageChartType, number[], string> {
  const bar = (label: string, data: number[], color: string) => ({
    type: "bar" as const,
    label,
    data,
    backgroundColor: color,
    borderColor: color,
    stack: "requests",
    // Drawn under the totals line (a higher order is drawn first).
    order: 1,
    maxBarThickness: 48,
  });
  return {
    labels: series.labels,
    datasets: [
      {
        type: "line",
        label: text.total,
        data: series.requests,
        borderColor: theme.total,
        backgroundColor: theme.total,
        pointBackgroundColor: theme.background,
        pointBorderColor: theme.total,
        pointRadius: series.labels.length > 24 ? 0 : 3,
        borderWidth: 2,
        // Straight segments: a curve between two buckets would suggest counts that never happened.
        tension: 0,
        // A stack of its own: the line shows the totals, it is not piled onto the bars.
        stack: "total",
        order: 0,
      },
      bar(text.success, series.success, theme.success),
      bar(text.errors4xx, series.errors4xx, theme.errors4xx),
      bar(text.errors5xx, series.errors5xx, theme.errors5xx),
    ],
  };
}

function chartOptions({ series, theme, text, animate }: UsageChartOptions): ChartOptions<UsageChartType> {
  const font = { family: theme.fontFamily };
  return {
    locale: text.locale,
    responsive: true,
    maintainAspectRatio: false,
    animation: animate ? { duration: 250 } : false,
    interaction: { mode: "index", intersect: false },
    scales: {
      x: {
        stacked: true,
        grid: { display: false },
        border: { color: theme.grid },
        ticks: { color: theme.muted, font, autoSkip: true, maxRotation: 0 },
      },
      y: {
        stacked: true,
        beginAtZero: true,
        grid: { color: theme.grid },
        border: { display: false },
        ticks: { color: theme.muted, font, precision: 0 },
      },
    },
    plugins: {
      legend: {
        position: "bottom",
        labels: { color: theme.text, font, boxWidth: 12, boxHeight: 12 },
      },
      tooltip: {
        titleFont: font,
        bodyFont: font,
        callbacks: {
          title: (items) => series.titles[items[0]?.dataIndex ?? 0] ?? "",
        },
      },
    },
  };
}

/** Draws the stacked success / 4xx / 5xx bars and the totals line on `canvas`. */
export function drawUsageChart(canvas: HTMLCanvasElement, options: UsageChartOptions): UsageChartHandle {
  const config: ChartConfiguration<UsageChartType, number[], string> = {
    type: "bar",
    data: chartData(options),
    options: chartOptions(options),
  };
  const chart = new Chart(canvas, config);
  return {
    update(next) {
      chart.data = chartData(next);
      chart.options = chartOptions(next);
      chart.update();
    },
    destroy() {
      chart.destroy();
    },
  };
}
