package io.billstream.document.documents.domain.render;

import javax.xml.transform.TransformerFactory;

/**
 * Pins JAXP's {@link TransformerFactory} to the class the JDK's own lookup picks on this class path (Saxon-HE's,
 * which Mustang brings). Unpinned, every {@code TransformerFactory.newInstance()} searches
 * {@code META-INF/services} through all of the service's jars, verifying the signed ones on the way: PDFBox does
 * it for the XMP metadata of every PDF/A-3 page and Mustang for every Factur-X and XRechnung document, and the
 * search was half of a Factur-X render's CPU (docs/benchmarks.md, "What profiling found", row 28). The pin names the
 * very class the search would find, so nothing changes but the search.
 * <p>
 * JAXP loads a pinned class through the calling thread's context class loader, falling back to the system class
 * loader only. The pin is therefore set only when the system class loader sees the class, as it does when the
 * service runs from its extracted jar (the launcher and the container image both do); under Spring Boot's
 * {@code JarLauncher} a thread whose context loader is the system one could not load it, so the search stays there.
 * An operator's own setting is never replaced.
 */
public final class XmlTransformers {

    static final String PROPERTY = "javax.xml.transform.TransformerFactory";

    private XmlTransformers() {
    }

    /** From the static initializers of the classes whose libraries ask JAXP: a few calls a JVM, from any thread. */
    public static void pin() {
        if (System.getProperty(PROPERTY) != null) {
            return;
        }
        String found = TransformerFactory.newInstance().getClass().getName();
        try {
            Class.forName(found, false, ClassLoader.getSystemClassLoader());
        } catch (ClassNotFoundException notOnTheSystemClassPath) {
            return;
        }
        System.setProperty(PROPERTY, found);
    }
}
