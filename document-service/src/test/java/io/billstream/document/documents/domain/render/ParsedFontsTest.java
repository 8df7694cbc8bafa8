package io.billstream.document.documents.domain.render;

import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;

class ParsedFontsTest {

    @Test
    void theLatinCutKeepsLatinPunctuationAndCurrencyWithTheirWidthsAndDropsOtherScripts() throws IOException {
        byte[] whole;
        try (InputStream in = getClass().getResourceAsStream("/fonts/DejaVuSans.ttf")) {
            whole = in.readAllBytes();
        }
        try (TrueTypeFont full = parse(whole); TrueTypeFont cut = parse(ParsedFonts.latin(whole))) {
            assertThat(cut.getNumberOfGlyphs()).isLessThan(full.getNumberOfGlyphs() / 4);
            for (int codePoint : "Aéßřșț€₹—…".codePoints().toArray()) {
                int gid = cut.getUnicodeCmapLookup().getGlyphId(codePoint);
                assertThat(gid).as(Character.toString(codePoint)).isNotZero();
                assertThat(cut.getAdvanceWidth(gid))
                        .isEqualTo(full.getAdvanceWidth(full.getUnicodeCmapLookup().getGlyphId(codePoint)));
            }
            for (int codePoint : "ΩЖא".codePoints().toArray()) {
                assertThat(cut.getUnicodeCmapLookup().getGlyphId(codePoint)).as(Character.toString(codePoint)).isZero();
            }
        }
    }

    private static TrueTypeFont parse(byte[] bytes) throws IOException {
        return new TTFParser().parse(new RandomAccessReadBuffer(bytes));
    }
}
