package io.billstream.invoice.settings.web;

import io.billstream.invoice.settings.domain.SettingsService;
import io.billstream.platform.security.Caller;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** API contract §4 billing settings: one document per tenant, replaced as a whole by PUT. */
@RestController
@RequestMapping("/v1/settings")
class SettingsController {

    private final SettingsService settings;

    SettingsController(SettingsService settings) {
        this.settings = settings;
    }

    @GetMapping
    SettingsView get(@Parameter(hidden = true) Caller caller) {
        return SettingsView.of(settings.settingsFor(caller));
    }

    @PutMapping
    SettingsView replace(@Parameter(hidden = true) Caller caller,
                             @Valid @RequestBody SettingsRequest body) {
        return SettingsView.of(settings.replace(caller, body.toSettings()));
    }
}
