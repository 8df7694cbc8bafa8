package io.billstream.gateway.web;

import io.billstream.gateway.api.CreateApiKey;
import io.billstream.gateway.domain.ApiKeyService;
import io.billstream.gateway.domain.Principal;
import io.billstream.platform.paging.Page;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.Valid;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

@RestController
public class ApiKeyController {

    private final ApiKeyService keys;

    public ApiKeyController(ApiKeyService keys) {
        this.keys = keys;
    }

    @PostMapping(path = "/v1/api-keys", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<CreatedApiKeyView> create(@Parameter(hidden = true) Principal principal,
                                                @Valid @RequestBody CreateApiKeyRequest request) {
        CreatedApiKeyView created = CreatedApiKeyView.of(
                keys.create(principal, new CreateApiKey(request.name(), request.scope())));
        return ResponseEntity.created(URI.create("/v1/api-keys/" + created.id())).body(created);
    }

    @GetMapping("/v1/api-keys")
    public Page<ApiKeyView> list(@Parameter(hidden = true) Principal principal,
                                 @RequestParam(defaultValue = "20") int limit,
                                 @RequestParam(required = false) String cursor) {
        return keys.list(principal, limit, cursor).map(ApiKeyView::of);
    }

    @GetMapping("/v1/api-keys/{id}")
    public ApiKeyView get(@Parameter(hidden = true) Principal principal, @PathVariable String id) {
        return ApiKeyView.of(keys.get(principal, id));
    }

    @DeleteMapping("/v1/api-keys/{id}")
    public ResponseEntity<Void> revoke(@Parameter(hidden = true) Principal principal, @PathVariable String id) {
        keys.revoke(principal, id);
        return ResponseEntity.noContent().build();
    }
}
