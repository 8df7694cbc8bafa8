package io.billstream.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small line chart written as SVG text (no charting library: the plots are rendered headless next to the results).
 * Axes may be logarithmic; each series is a polyline with point markers and a legend entry.
 */
final class Svg {

    record Series(String name, double[] x, double[] y, boolean dashed, int color) {
    }

    private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#17becf", "#7f7f7f"};
    private static final int W = 720, H = 420, LEFT = 70, RIGHT = 200, TOP = 40, BOTTOM = 55;

    private final String title, xLabel, yLabel;
    private final boolean xLog, yLog;
    private final boolean markers;
    private final List<Series> series = new ArrayList<>();

    Svg(String title, String xLabel, String yLabel, boolean xLog, boolean yLog, boolean markers) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.xLog = xLog;
        this.yLog = yLog;
        this.markers = markers;
    }

    Svg add(String name, double[] x, double[] y, boolean dashed) {
        return add(name, x, y, dashed, series.size());
    }

    /** {@code color} picks the palette entry, so two series of one system can share a colour (solid and dashed). */
    Svg add(String name, double[] x, double[] y, boolean dashed, int color) {
        if (x.length > 0) {
            series.add(new Series(name, x, y, dashed, color));
        }
        return this;
    }

    boolean isEmpty() {
        return series.isEmpty();
    }

    String render() {
        double x0 = Double.MAX_VALUE, x1 = -Double.MAX_VALUE, y0 = Double.MAX_VALUE, y1 = -Double.MAX_VALUE;
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                if (!usable(s.x()[i], xLog) || !usable(s.y()[i], yLog)) {
                    continue;
                }
                x0 = Math.min(x0, s.x()[i]);
                x1 = Math.max(x1, s.x()[i]);
                y0 = Math.min(y0, s.y()[i]);
                y1 = Math.max(y1, s.y()[i]);
            }
        }
        if (!yLog) {
            y0 = Math.min(0, y0);
        }
        double[] xr = range(x0, x1, xLog);
        double[] yr = range(y0, y1 * (yLog ? 1 : 1.08), yLog);
        StringBuilder svg = new StringBuilder();
        svg.append(fmt("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">\n", W, H, W, H));
        svg.append(fmt("<rect width=\"%d\" height=\"%d\" fill=\"white\"/>\n", W, H));
        svg.append(fmt("<text x=\"%d\" y=\"22\" font-size=\"15\" font-weight=\"bold\">%s</text>\n", LEFT, esc(title)));
        int pw = W - LEFT - RIGHT, ph = H - TOP - BOTTOM;
        for (double t : ticks(xr, xLog)) {
            double px = LEFT + pw * pos(t, xr, xLog);
            svg.append(fmt("<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#e5e5e5\"/>\n", px, TOP, px, TOP + ph));
            svg.append(fmt("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n", px, TOP + ph + 16, label(t)));
        }
        for (double t : ticks(yr, yLog)) {
            double py = TOP + ph * (1 - pos(t, yr, yLog));
            svg.append(fmt("<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e5e5e5\"/>\n", LEFT, py, LEFT + pw, py));
            svg.append(fmt("<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n", LEFT - 6, py + 4, label(t)));
        }
        svg.append(fmt("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#333\"/>\n", LEFT, TOP, pw, ph));
        svg.append(fmt("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>\n", LEFT + pw / 2, H - 14,
                esc(xLabel + (xLog ? " (log scale)" : ""))));
        svg.append(fmt("<text transform=\"translate(16 %d) rotate(-90)\" text-anchor=\"middle\">%s</text>\n", TOP + ph / 2,
                esc(yLabel + (yLog ? " (log scale)" : ""))));
        int legendY = TOP + 8;
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            String color = COLORS[s.color() % COLORS.length];
            StringBuilder points = new StringBuilder();
            for (int k = 0; k < s.x().length; k++) {
                if (!usable(s.x()[k], xLog) || !usable(s.y()[k], yLog)) {
                    continue;
                }
                double px = LEFT + pw * pos(s.x()[k], xr, xLog);
                double py = TOP + ph * (1 - pos(s.y()[k], yr, yLog));
                points.append(fmt("%.1f,%.1f ", px, py));
                if (markers) {
                    svg.append(fmt("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>\n", px, py, color));
                }
            }
            svg.append(fmt("<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s points=\"%s\"/>\n", color,
                    s.dashed() ? " stroke-dasharray=\"6 4\"" : "", points.toString().trim()));
            int lx = LEFT + pw + 12;
            svg.append(fmt("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"%s/>\n", lx, legendY,
                    lx + 22, legendY, color, s.dashed() ? " stroke-dasharray=\"6 4\"" : ""));
            svg.append(fmt("<text x=\"%d\" y=\"%d\">%s</text>\n", lx + 28, legendY + 4, esc(s.name())));
            legendY += 20;
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static boolean usable(double v, boolean log) {
        return !Double.isNaN(v) && !Double.isInfinite(v) && (!log || v > 0);
    }

    private static double[] range(double lo, double hi, boolean log) {
        if (lo > hi) {
            return new double[]{log ? 1 : 0, log ? 10 : 1};
        }
        if (log) {
            return new double[]{Math.pow(10, Math.floor(Math.log10(lo))), Math.pow(10, Math.ceil(Math.log10(hi)))};
        }
        return hi == lo ? new double[]{lo, lo + 1} : new double[]{lo, hi};
    }

    private static double pos(double v, double[] r, boolean log) {
        return log ? (Math.log10(v) - Math.log10(r[0])) / (Math.log10(r[1]) - Math.log10(r[0])) : (v - r[0]) / (r[1] - r[0]);
    }

    private static List<Double> ticks(double[] r, boolean log) {
        List<Double> out = new ArrayList<>();
        if (log) {
            for (double d = r[0]; d <= r[1] * 1.0001; d *= 10) {
                for (int m : new int[]{1, 2, 5}) {
                    if (d * m <= r[1] * 1.0001) {
                        out.add(d * m);
                    }
                }
            }
            return out;
        }
        double span = r[1] - r[0];
        double step = Math.pow(10, Math.floor(Math.log10(span / 5)));
        for (double m : new double[]{1, 2, 5, 10}) {
            if (span / (step * m) <= 7) {
                step *= m;
                break;
            }
        }
        for (double t = Math.ceil(r[0] / step) * step; t <= r[1] + step * 1e-6; t += step) {
            out.add(t);
        }
        return out;
    }

    private static String label(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : fmt("%.3g", v);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
