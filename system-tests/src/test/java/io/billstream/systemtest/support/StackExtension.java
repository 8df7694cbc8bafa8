package io.billstream.systemtest.support;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the stack before the first system-test class and stops it after the last one (the root store closes
 * its resources when the whole run ends), so every class shares one stack.
 */
public final class StackExtension implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(StackExtension.class, key -> {
                    SystemStack.start();
                    return (ExtensionContext.Store.CloseableResource) SystemStack::stop;
                });
    }
}
