package io.billstream.platform.money;

/** An amount or currency that breaks docs/api-reference.md §2's money rules; the message completes "field ..." for a 422. */
public class InvalidMoneyException extends IllegalArgumentException {
    public InvalidMoneyException(String message) {
        super(message);
    }
}
