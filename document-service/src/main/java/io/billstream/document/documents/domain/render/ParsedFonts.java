package io.billstream.document.documents.domain.render;

import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TTFSubsetter;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Parsing the two DejaVu files (1.4 MB) is the largest fixed cost of a render when each document loads them from
 * bytes. A parsed {@link TrueTypeFont} reads its tables lazily and is not thread-safe, so parsed sets are lent
 * to one render at a time from a small bounded pool (a miss parses a new set; a full pool drops the extra).
 *
 * <p>Each face comes twice: cut down to the Latin scripts, punctuation and currency signs ({@link #LATIN}: 836 of
 * DejaVu's 6,200 glyphs), which a page uses first, and whole, which it falls back to for any other letter.
 * Embedding a font in a document builds and reads back a width for every glyph the font has (about a fifth of a
 * render's CPU and a third of its allocation with the whole face, docs/benchmarks.md); the page shows the same
 * glyphs either way, and the whole face is only loaded into a document that needs it.
 */
final class ParsedFonts {

    record Faces(TrueTypeFont regular, TrueTypeFont bold, TrueTypeFont regularComplete, TrueTypeFont boldComplete) {
    }

    /**
     * Code point ranges of the Latin cut: Latin-1, Latin Extended-A and -B, spacing modifiers, punctuation, currency
     * and letterlike signs.
     */
    static final int[][] LATIN = {{0x20, 0x7E}, {0xA0, 0x24F}, {0x2B0, 0x2FF}, {0x2000, 0x206F}, {0x20A0, 0x20CF},
            {0x2100, 0x214F}, {0x2212, 0x2212}, {0xFFFD, 0xFFFD}};

    private final byte[] regular;
    private final byte[] bold;
    private final byte[] latinRegular;
    private final byte[] latinBold;
    private final BlockingQueue<Faces> idle;

    ParsedFonts(byte[] regular, byte[] bold, int poolSize) {
        this.regular = regular;
        this.bold = bold;
        this.latinRegular = latin(regular);
        this.latinBold = latin(bold);
        this.idle = new ArrayBlockingQueue<>(poolSize);
    }

    Faces borrow() {
        Faces faces = idle.poll();
        return faces != null ? faces
                : new Faces(parse(latinRegular), parse(latinBold), parse(regular), parse(bold));
    }

    void giveBack(Faces faces) {
        if (!idle.offer(faces)) {
            close(faces);
        }
    }

    /** A render that failed half-way may have left a font mid-read: never reuse it. */
    void discard(Faces faces) {
        close(faces);
    }

    /** The face cut down to {@link #LATIN}, as a font file (PDFBox's subsetter keeps metrics and names). */
    static byte[] latin(byte[] face) {
        try (TrueTypeFont font = new TTFParser().parse(new RandomAccessReadBuffer(face))) {
            TTFSubsetter subsetter = new TTFSubsetter(font);
            for (int[] range : LATIN) {
                for (int codePoint = range[0]; codePoint <= range[1]; codePoint++) {
                    subsetter.add(codePoint);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(face.length / 4);
            subsetter.writeToStream(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot cut the embedded font down", e);
        }
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

    private static void close(Faces faces) {
        try {
            faces.regular().close();
            faces.bold().close();
            faces.regularComplete().close();
            faces.boldComplete().close();
        } catch (IOException ignored) {
            // Only memory buffers behind these fonts; nothing to release beyond the references.
        }
    }
}
