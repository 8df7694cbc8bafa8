package io.billstream.systemtest.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/** Figures of the run (loads, outages, invariants), appended to {@code target/system-test-figures.txt}. */
public final class Report {

    public static final Path FILE = SystemStack.ROOT.resolve("system-tests/target/system-test-figures.txt");

    private Report() {
    }

    public static synchronized void line(String test, String text) {
        String line = Instant.now() + " [" + test + "] " + text;
        System.out.println(line);
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
