package io.billstream.platform.observability;

import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.tracing.otlp.OtlpTracingAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OTLP span exporter is on the classpath (with the JDK's HTTP client instead of OkHttp) and is switched by
 * configuration alone: off as billstream-defaults.yml leaves it, on with the two settings docs/operations.md gives.
 */
class OtlpExportSwitchTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(OtlpTracingAutoConfiguration.class));

    @Test
    void exportsSpansOnlyWhenSwitchedOn() {
        context.withPropertyValues("management.otlp.tracing.export.enabled=false",
                        "management.otlp.tracing.endpoint=http://127.0.0.1:4318/v1/traces")
                .run(off -> assertThat(off).doesNotHaveBean(OtlpHttpSpanExporter.class));
        context.withPropertyValues("management.otlp.tracing.export.enabled=true",
                        "management.otlp.tracing.endpoint=http://127.0.0.1:4318/v1/traces")
                .run(on -> {
                    assertThat(on).hasNotFailed().hasSingleBean(OtlpHttpSpanExporter.class);
                    assertThat(on.getBean(OtlpHttpSpanExporter.class).toString()).contains("127.0.0.1:4318");
                });
    }
}
