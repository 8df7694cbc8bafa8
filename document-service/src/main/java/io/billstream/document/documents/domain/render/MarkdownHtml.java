package io.billstream.document.documents.domain.render;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.data.DataHolder;
import com.vladsch.flexmark.util.data.MutableDataSet;

import java.util.List;

/**
 * Notes and terms: CommonMark plus tables. Raw HTML is escaped (shown as text, never interpreted) and the output
 * is XHTML, because the PDF renderer parses the page as XML. Parser and renderer are immutable and shared.
 * <p>
 * The HTML of recent texts is kept: an invoice's notes and terms are rendered again for every look of it (issued,
 * paid, late fee) and for its emails, and a seller's notes and terms are mostly the same on every invoice; parsing
 * them was about a twentieth of a render (docs/benchmarks.md). Bounded by the characters held.
 */
public final class MarkdownHtml {

    private final Parser parser;
    private final HtmlRenderer renderer;
    private final Cache<String, String> recent = Caffeine.newBuilder()
            .maximumWeight(4_000_000)
            .<String, String>weigher((markdown, html) -> markdown.length() + html.length())
            .build();

    public MarkdownHtml() {
        DataHolder options = new MutableDataSet()
                .set(Parser.EXTENSIONS, List.of(TablesExtension.create()))
                .set(HtmlRenderer.ESCAPE_HTML, true)
                .set(HtmlRenderer.SOFT_BREAK, "<br />\n")
                .set(TablesExtension.WITH_CAPTION, false)
                .set(TablesExtension.COLUMN_SPANS, false)
                .set(TablesExtension.APPEND_MISSING_COLUMNS, true)
                .set(TablesExtension.DISCARD_EXTRA_COLUMNS, true)
                .set(TablesExtension.HEADER_SEPARATOR_COLUMN_MATCH, true)
                .toImmutable();
        this.parser = Parser.builder(options).build();
        this.renderer = HtmlRenderer.builder(options).build();
    }

    public String toHtml(String markdown) {
        if (markdown == null || markdown.isBlank()) {
            return "";
        }
        return recent.get(markdown, text -> renderer.render(parser.parse(Html.xmlSafe(text))));
    }
}
