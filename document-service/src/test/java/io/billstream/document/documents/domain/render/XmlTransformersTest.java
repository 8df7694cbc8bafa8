package io.billstream.document.documents.domain.render;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

import javax.xml.transform.TransformerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** The pin names the factory JAXP's search finds, and never replaces an operator's choice. */
@Isolated // a JVM-wide system property
class XmlTransformersTest {

    private String before;

    @BeforeEach
    void unpin() {
        before = System.clearProperty(XmlTransformers.PROPERTY);
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(XmlTransformers.PROPERTY);
        } else {
            System.setProperty(XmlTransformers.PROPERTY, before);
        }
    }

    @Test
    void pinsTheFactoryTheSearchFinds() {
        String searched = TransformerFactory.newInstance().getClass().getName();

        XmlTransformers.pin();

        assertThat(System.getProperty(XmlTransformers.PROPERTY))
                .isEqualTo(searched)
                .isEqualTo("net.sf.saxon.TransformerFactoryImpl"); // Mustang's Saxon-HE, first in the search
        assertThat(TransformerFactory.newInstance()).isInstanceOf(net.sf.saxon.TransformerFactoryImpl.class);
    }

    @Test
    void keepsAnOperatorsChoice() {
        String jdks = "com.sun.org.apache.xalan.internal.xsltc.trax.TransformerFactoryImpl";
        System.setProperty(XmlTransformers.PROPERTY, jdks);

        XmlTransformers.pin();

        assertThat(System.getProperty(XmlTransformers.PROPERTY)).isEqualTo(jdks);
    }
}
