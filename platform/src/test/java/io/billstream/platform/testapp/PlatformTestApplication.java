package io.billstream.platform.testapp;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A minimal service built only from the platform, to test what every service inherits. */
@SpringBootApplication
public class PlatformTestApplication {
}
