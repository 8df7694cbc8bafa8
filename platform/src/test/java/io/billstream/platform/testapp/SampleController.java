package io.billstream.platform.testapp;

import io.billstream.platform.money.Money;
import io.billstream.platform.security.Caller;
import io.billstream.platform.errors.DomainException;
import io.micrometer.tracing.Tracer;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

@RestController
class SampleController {

    private final Tracer tracer;

    SampleController(Tracer tracer) {
        this.tracer = tracer;
    }

    record Line(@NotBlank String description, BigDecimal quantity) {
    }

    record Sample(@NotBlank @Size(max = 10) String name, BigDecimal amount, String currency, List<@Valid Line> lines) {
    }

    @PostMapping("/v1/samples")
    Map<String, Object> create(@Valid @RequestBody Sample sample, Caller caller) {
        Money money = sample.amount() == null ? null : Money.of(sample.amount(), io.billstream.platform.money
                .CurrencyCodes.parse(sample.currency()));
        return Map.of("tenant", caller.tenant(), "amount", money == null ? "" : money.toPlainString());
    }

    @GetMapping("/v1/samples/{id}")
    Map<String, Object> get(@PathVariable String id, Caller caller) {
        if (!id.startsWith(caller.tenant())) {
            throw DomainException.notFound("Sample");
        }
        return Map.of("id", id, "traceId", tracer.currentSpan() == null ? "" : tracer.currentSpan().context().traceId());
    }

    @GetMapping("/v1/boom")
    Map<String, Object> boom() {
        throw new IllegalStateException("secret internal detail");
    }
}
