package io.billstream.gateway.web;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/**
 * On the gateway only {@code /actuator/health} is on the public port; everything else of actuator lives
 * on the management port. Answers with the status only.
 */
@RestController
@Hidden
public class PublicHealthController {

    private final HealthEndpoint health;

    public PublicHealthController(HealthEndpoint health) {
        this.health = health;
    }

    @GetMapping("/actuator/health")
    public ResponseEntity<Map<String, String>> health() {
        return respond(health.health());
    }

    @GetMapping("/actuator/health/{group:liveness|readiness}")
    public ResponseEntity<Map<String, String>> group(@PathVariable String group) {
        HealthComponent component = health.healthForPath(group);
        return component == null ? ResponseEntity.notFound().build() : respond(component);
    }

    private static ResponseEntity<Map<String, String>> respond(HealthComponent component) {
        Status status = component.getStatus();
        HttpStatus code = Status.UP.equals(status) ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE;
        return ResponseEntity.status(code).body(Map.of("status", status.getCode()));
    }
}
