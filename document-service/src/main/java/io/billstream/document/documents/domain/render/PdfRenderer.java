package io.billstream.document.documents.domain.render;

import com.openhtmltopdf.extend.FSCacheEx;
import com.openhtmltopdf.extend.FSCacheValue;
import com.openhtmltopdf.extend.impl.FSDefaultCacheStore;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PDFontSupplier;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.util.XRLog;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.logging.Level;

/**
 * XHTML → PDF with openhtmltopdf. A renderer (builder) is not thread-safe, so each document gets a new one; the
 * font-metrics cache is shared by every render and the parsed font files are pooled ({@link ParsedFonts}).
 * Fonts are embedded as subsets. No external resource is ever loaded (a Markdown image or link cannot make the
 * service fetch a URL).
 */
public final class PdfRenderer {

    private static final String REGULAR = "/fonts/DejaVuSans.ttf";
    private static final String BOLD = "/fonts/DejaVuSans-Bold.ttf";

    static {
        // openhtmltopdf logs every font load and stylesheet parse at INFO; only problems are worth a line.
        XRLog.listRegisteredLoggers().forEach(name -> XRLog.setLevel(name, Level.WARNING));
        XmlTransformers.pin(); // PDF/A-3 pages: PDFBox's XMP writer asks JAXP for a transformer factory every time
    }

    private static final java.util.function.Supplier<byte[]> SRGB = new java.util.function.Supplier<>() {
        private volatile byte[] profile;

        @Override
        public byte[] get() {
            if (profile == null) {
                profile = read("/sRGB.icc");
            }
            return profile;
        }
    };

    private final FSCacheEx<String, FSCacheValue> fontMetrics = new FSDefaultCacheStore();
    private final ParsedFonts fonts;

    public PdfRenderer() {
        this.fonts = new ParsedFonts(read(REGULAR), read(BOLD), Math.max(2, Runtime.getRuntime().availableProcessors() * 2));
    }

    public byte[] render(String xhtml) {
        return render(xhtml, false);
    }

    /**
     * {@code pdfA3}: the same page written as PDF/A-3b (sRGB output intent, XMP metadata, every font embedded), the
     * base a Factur-X document is made from (SPEC §14). The sRGB profile is the one the Mustang library ships for
     * exactly this purpose.
     */
    public byte[] render(String xhtml, boolean pdfA3) {
        ParsedFonts.Faces faces = fonts.borrow();
        boolean clean = false;
        try (PDDocument document = new PDDocument()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.usePDDocument(document);
            builder.useCacheStore(PdfRendererBuilder.CacheStore.PDF_FONT_METRICS, fontMetrics);
            font(builder, document, faces.regular(), InvoiceHtml.FONT_FAMILY, 400);
            font(builder, document, faces.bold(), InvoiceHtml.FONT_FAMILY, 700);
            font(builder, document, faces.regularComplete(), InvoiceHtml.FALLBACK_FONT_FAMILY, 400);
            font(builder, document, faces.boldComplete(), InvoiceHtml.FALLBACK_FONT_FAMILY, 700);
            builder.useExternalResourceAccessControl((uri, type) -> false,
                    ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI);
            builder.useExternalResourceAccessControl((uri, type) -> false,
                    ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI);
            builder.withProducer("Billstream");
            if (pdfA3) {
                builder.usePdfAConformance(PdfRendererBuilder.PdfAConformance.PDFA_3_B);
                builder.useColorProfile(SRGB.get());
            }
            builder.withW3cDocument(parse(xhtml), null);
            builder.toStream(out);
            builder.run();
            clean = true;
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("PDF rendering failed", e);
        } finally {
            if (clean) {
                fonts.giveBack(faces);
            } else {
                fonts.discard(faces);
            }
        }
    }

    private static void font(PdfRendererBuilder builder, PDDocument document, TrueTypeFont face, String family,
                             int weight) {
        builder.useFont(new LazyFont(document, face), family, weight, FontStyle.NORMAL, true);
    }

    private static final ThreadLocal<DocumentBuilder> PARSER = ThreadLocal.withInitial(() -> {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setValidating(false);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            return factory.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("no usable XML parser", e);
        }
    });

    /** Fails on any error instead of printing it to stderr (the JDK parser's default). */
    private static final ErrorHandler STRICT = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
            // nothing the page could fix: it is generated
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };

    /**
     * The page as a DOM, from a parser kept per render thread. Handing openhtmltopdf the XHTML string made it set up
     * a new SAX reader, transformer factory and their security features for every document, about a tenth of a
     * render (docs/benchmarks.md); the page is parsed the same way, namespace-aware, no DTD or entity is loaded.
     */
    private static Document parse(String xhtml) {
        DocumentBuilder parser = PARSER.get();
        parser.reset();
        parser.setErrorHandler(STRICT);
        try {
            return parser.parse(new InputSource(new StringReader(xhtml)));
        } catch (SAXException e) {
            throw new IllegalArgumentException("the page is not well-formed XHTML", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads the PDF font into this document only if the page uses it (the bold face, mostly). */
    private static final class LazyFont extends PDFontSupplier {
        private final PDDocument document;
        private final TrueTypeFont font;
        private PDFont loaded;

        LazyFont(PDDocument document, TrueTypeFont font) {
            super(null);
            this.document = document;
            this.font = font;
        }

        @Override
        public PDFont supply() {
            if (loaded == null) {
                try {
                    loaded = PDType0Font.load(document, font, true);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot embed font", e);
                }
            }
            return loaded;
        }
    }

    private static byte[] read(String resource) {
        try (InputStream in = PdfRenderer.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("font " + resource + " missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
