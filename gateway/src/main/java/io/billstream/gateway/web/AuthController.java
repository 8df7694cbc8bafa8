package io.billstream.gateway.web;

import io.billstream.gateway.api.LogIn;
import io.billstream.gateway.api.SignUp;
import io.billstream.gateway.domain.AccountService;
import io.billstream.gateway.domain.User;
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
    public ResponseEntity<SignupView> signup(@Valid @RequestBody SignupRequest request) {
        User user = accounts.signup(new SignUp(request.organizationName(), request.username(), request.email(),
                request.password()));
        return ResponseEntity.created(URI.create("/v1/users/" + user.id()))
                .body(new SignupView(user.tenantId(), UserView.of(user)));
    }

    @PostMapping(path = "/v1/login", consumes = MediaType.APPLICATION_JSON_VALUE)
    @SecurityRequirements
    public AccessTokenView login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        return AccessTokenView.of(accounts.login(new LogIn(request.login(), request.password(), http.getRemoteAddr())));
    }

    @PostMapping("/v1/logout")
    public ResponseEntity<Void> logout(@Parameter(hidden = true) Principal principal) {
        accounts.logout(principal);
        return ResponseEntity.noContent().build();
    }
}
