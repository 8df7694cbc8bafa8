package io.billstream.gateway.web;

import io.billstream.gateway.api.CreateUser;
import io.billstream.gateway.domain.AccountService;
import io.billstream.gateway.domain.Principal;
import io.billstream.platform.paging.Page;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.Valid;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

@RestController
public class UserController {

    private final AccountService accounts;

    public UserController(AccountService accounts) {
        this.accounts = accounts;
    }

    @PostMapping(path = "/v1/users", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<UserView> create(@Parameter(hidden = true) Principal principal,
                                           @Valid @RequestBody CreateUserRequest request) {
        UserView user = UserView.of(accounts.createUser(principal, new CreateUser(request.username(), request.email(),
                request.password(), request.role())));
        return ResponseEntity.created(URI.create("/v1/users/" + user.id())).body(user);
    }

    @GetMapping("/v1/users")
    public Page<UserView> list(@Parameter(hidden = true) Principal principal,
                               @RequestParam(defaultValue = "20") int limit,
                               @RequestParam(required = false) String cursor) {
        return accounts.listUsers(principal, limit, cursor).map(UserView::of);
    }

    @GetMapping("/v1/users/{id}")
    public UserView get(@Parameter(hidden = true) Principal principal, @PathVariable String id) {
        return UserView.of(accounts.getUser(principal, id));
    }
}
