package io.billstream.invoice.web;

import io.billstream.invoice.api.SettingsRequest;
import io.billstream.invoice.api.SettingsResponse;
import io.billstream.invoice.domain.SettingsService;
import io.billstream.platform.security.Caller;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** SPEC §4 billing settings: one document per tenant, replaced as a whole by PUT. */
@RestController
@RequestMapping("/v1/settings")
class SettingsController {

    private final SettingsService settings;

    SettingsController(SettingsService settings) {
        this.settings = settings;
    }

    @GetMapping
    SettingsResponse get(@Parameter(hidden = true) Caller caller) {
        return SettingsResponse.of(settings.settingsFor(caller));
    }

    @PutMapping
    SettingsResponse replace(@Parameter(hidden = true) Caller caller,
                             @Valid @RequestBody SettingsRequest body) {
        return SettingsResponse.of(settings.replace(caller, body.toSettings()));
    }
}
