package io.billstream.gateway.web;

/** Input rules shared by signup and user creation (the API contract's account rules). */
public final class Accounts {

    /** Compared case-insensitively and stored lower-cased, so upper-case input is accepted. */
    public static final String USERNAME = "[A-Za-z0-9_.-]{3,64}";
    public static final String USERNAME_MESSAGE = "must be 3-64 characters of a-z, 0-9, '_', '.', '-'";
    public static final String EMAIL = "[^@\\s]+@[^@\\s]+\\.[^@\\s.]+";
    public static final String ROLE = "admin|viewer";
    public static final String SCOPE = "read_write|read_only";

    private Accounts() {
    }
}
