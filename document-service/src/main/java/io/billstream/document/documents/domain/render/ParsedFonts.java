package io.billstream.document.documents.domain.render;

import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Parsing the two DejaVu files (1.4 MB) is the largest fixed cost of a render when each document loads them from
 * bytes. A parsed {@link TrueTypeFont} reads its tables lazily and is not thread-safe, so parsed pairs are lent
 * to one render at a time from a small bounded pool (a miss parses a new pair; a full pool drops the extra).
 */
final class ParsedFonts {

    record Pair(TrueTypeFont regular, TrueTypeFont bold) {
    }

    private final byte[] regular;
    private final byte[] bold;
    private final BlockingQueue<Pair> idle;

    ParsedFonts(byte[] regular, byte[] bold, int poolSize) {
        this.regular = regular;
        this.bold = bold;
        this.idle = new ArrayBlockingQueue<>(poolSize);
    }

    Pair borrow() {
        Pair pair = idle.poll();
        return pair != null ? pair : new Pair(parse(regular), parse(bold));
    }

    void giveBack(Pair pair) {
        if (!idle.offer(pair)) {
            close(pair);
        }
    }

    /** A render that failed half-way may have left a font mid-read: never reuse it. */
    void discard(Pair pair) {
        close(pair);
    }

    /**
     * Glyph substitution is switched off: for Latin text PDFBox then applies DejaVu's {@code ccmp}/{@code liga}
     * rules to every string it draws, about a tenth of a render (docs/benchmarks.md), and they change nothing an
     * invoice shows (the faces have no Latin ligatures; pre-composed letters are drawn as such either way).
     */
    private static TrueTypeFont parse(byte[] bytes) {
        try {
            TrueTypeFont font = new TTFParser().parse(new RandomAccessReadBuffer(bytes));
            font.setEnableGsub(false);
            return font;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse embedded font", e);
        }
    }

    private static void close(Pair pair) {
        try {
            pair.regular().close();
            pair.bold().close();
        } catch (IOException ignored) {
            // Only memory buffers behind these fonts; nothing to release beyond the references.
        }
    }
}
