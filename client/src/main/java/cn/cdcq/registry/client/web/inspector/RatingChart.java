package cn.cdcq.registry.client.web.inspector;

import cn.cdcq.registry.common.credit.CreditLevel;
import cn.cdcq.registry.common.credit.CreditRating;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The rating history of both regions as an inline SVG drawn on the server (no script, no
 * chart library): one line per region across the years, A at the top and C at the bottom; for a
 * year rated twice by a region, its latest revision. Labels come from the page's language.
 */
public final class RatingChart {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 240;
    private static final int LEFT = 56;
    private static final int RIGHT = 110;
    private static final int TOP = 20;
    private static final int BOTTOM = 40;
    private static final Map<String, String> COLORS = Map.of("CD", "#0b4f8a", "CQ", "#c2410c");
    private static final Map<String, String> DASHES = Map.of("CD", "", "CQ", "6 4");

    private RatingChart() {
    }

    /**
     * @param regionName the region's name in the page's language
     * @param title      the chart's accessible title
     */
    public static String svg(List<CreditRating> ratings, Function<String, String> regionName, String title) {
        Map<String, TreeMap<Integer, CreditLevel>> byRegion = new TreeMap<>();
        TreeSet<Integer> years = new TreeSet<>();
        for (CreditRating r : ratings) {
            byRegion.computeIfAbsent(r.statement().regionCode(), k -> new TreeMap<>())
                    .put(r.statement().year(), r.statement().level());
            years.add(r.statement().year());
        }
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-labelledby=\"rating-chart-title\" id=\"rating-chart\">")
                .append("<title id=\"rating-chart-title\">").append(escape(title)).append("</title>");
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        CreditLevel[] levels = CreditLevel.values();
        for (int i = 0; i < levels.length; i++) {
            int y = TOP + plotH * i / (levels.length - 1);
            svg.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(LEFT + plotW).append("\" y1=\"").append(y)
                    .append("\" y2=\"").append(y).append("\" stroke=\"#d4d9df\"/>")
                    .append("<text x=\"").append(LEFT - 14).append("\" y=\"").append(y + 5)
                    .append("\" font-size=\"15\" font-weight=\"700\" text-anchor=\"end\" fill=\"#1b1f24\">")
                    .append(levels[i].name()).append("</text>");
        }
        List<Integer> yearList = new ArrayList<>(years);
        for (int i = 0; i < yearList.size(); i++) {
            svg.append("<text x=\"").append(x(i, yearList.size(), plotW)).append("\" y=\"").append(HEIGHT - 14)
                    .append("\" font-size=\"13\" text-anchor=\"middle\" fill=\"#56606b\">").append(yearList.get(i)).append("</text>");
        }
        int legend = 0;
        for (var entry : byRegion.entrySet()) {
            String color = COLORS.getOrDefault(entry.getKey(), "#444");
            StringBuilder points = new StringBuilder();
            StringBuilder dots = new StringBuilder();
            for (var point : entry.getValue().entrySet()) {
                int x = x(yearList.indexOf(point.getKey()), yearList.size(), plotW);
                int y = TOP + plotH * point.getValue().ordinal() / (levels.length - 1);
                points.append(x).append(',').append(y).append(' ');
                dots.append("<circle cx=\"").append(x).append("\" cy=\"").append(y).append("\" r=\"5\" fill=\"").append(color)
                        .append("\"><title>").append(escape(regionName.apply(entry.getKey()))).append(' ').append(point.getKey())
                        .append(": ").append(point.getValue().name()).append("</title></circle>");
            }
            svg.append("<polyline fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"3\" stroke-dasharray=\"")
                    .append(DASHES.getOrDefault(entry.getKey(), "")).append("\" points=\"").append(points.toString().strip())
                    .append("\"/>").append(dots);
            int ly = TOP + 10 + legend * 22;
            svg.append("<line x1=\"").append(WIDTH - RIGHT + 12).append("\" x2=\"").append(WIDTH - RIGHT + 36)
                    .append("\" y1=\"").append(ly).append("\" y2=\"").append(ly).append("\" stroke=\"").append(color)
                    .append("\" stroke-width=\"3\" stroke-dasharray=\"").append(DASHES.getOrDefault(entry.getKey(), "")).append("\"/>")
                    .append("<text x=\"").append(WIDTH - RIGHT + 42).append("\" y=\"").append(ly + 5)
                    .append("\" font-size=\"13\" fill=\"#1b1f24\">").append(escape(regionName.apply(entry.getKey()))).append("</text>");
            legend++;
        }
        return svg.append("</svg>").toString();
    }

    private static int x(int index, int count, int plotW) {
        return count <= 1 ? LEFT + plotW / 2 : LEFT + plotW * index / (count - 1);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
