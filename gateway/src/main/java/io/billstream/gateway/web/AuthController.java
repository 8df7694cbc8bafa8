package io.billstream.gateway.web;

import io.billstream.gateway.api.LoginRequest;
import io.billstream.gateway.api.LoginResponse;
import io.billstream.gateway.api.SignupRequest;
import io.billstream.gateway.api.SignupResponse;
import io.billstream.gateway.auth.AccountService;
import io.billstream.gateway.domain.Principal;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

@RestController
public class AuthController {

    private final AccountService accounts;

    public AuthController(AccountService accounts) {
        this.accounts = accounts;
    }

    @PostMapping(path = "/v1/signup", consumes = MediaType.APPLICATION_JSON_VALUE)
    @SecurityRequirements
    public ResponseEntity<SignupResponse> signup(@Valid @RequestBody SignupRequest request) {
        SignupResponse created = accounts.signup(request);
        return ResponseEntity.created(URI.create("/v1/users/" + created.user().id())).body(created);
    }

    @PostMapping(path = "/v1/login", consumes = MediaType.APPLICATION_JSON_VALUE)
    @SecurityRequirements
    public LoginResponse login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        return accounts.login(request, http.getRemoteAddr());
    }

    @PostMapping("/v1/logout")
    public ResponseEntity<Void> logout(@Parameter(hidden = true) Principal principal) {
        accounts.logout(principal);
        return ResponseEntity.noContent().build();
    }
}
