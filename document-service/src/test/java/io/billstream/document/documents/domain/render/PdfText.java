package io.billstream.document.documents.domain.render;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Reads a PDF back the way a reader's viewer would, for assertions. */
public final class PdfText {

    private PdfText() {
    }

    /** Whole text with non-breaking spaces as plain spaces (locales put U+00A0 / U+202F before "€"). */
    public static String of(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            return normalize(stripper.getText(document));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The characters as the PDF maps its glyphs back to text, before the text extractor's own clean-up (which turns a
     * ligature glyph back into its letters, as many viewers' search and copy do not).
     */
    public static String glyphText(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            StringBuilder glyphs = new StringBuilder();
            PDFTextStripper stripper = new PDFTextStripper() {
                @Override
                protected void writeString(String text, List<TextPosition> positions) {
                    positions.forEach(position -> glyphs.append(position.getUnicode()));
                    glyphs.append(' ');
                }
            };
            stripper.getText(document);
            return glyphs.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The distinct names of the fonts the pages use, in the order they first appear. */
    public static List<String> fontNames(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            List<String> fonts = new ArrayList<>();
            for (PDPage page : document.getPages()) {
                for (COSName name : page.getResources().getFontNames()) {
                    String font = page.getResources().getFont(name).getName();
                    if (!fonts.contains(font)) {
                        fonts.add(font);
                    }
                }
            }
            return fonts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String page(byte[] pdf, int page) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            stripper.setStartPage(page);
            stripper.setEndPage(page);
            return normalize(stripper.getText(document));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String normalize(String text) {
        return text.replace('\u00a0', ' ').replace('\u202f', ' ');
    }
}
