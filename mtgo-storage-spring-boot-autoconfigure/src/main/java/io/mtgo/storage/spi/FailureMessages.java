package io.mtgo.storage.spi;

/**
 * The text a {@link io.mtgo.storage.StorageException} gives for the backend failure it wraps.
 * Some wrappers say nothing of why (Spring Data Redis's {@code RedisSystemException} reads "Error
 * in execution" around the server's own reply, such as a script refused a command by an ACL), so
 * the innermost cause's message is added when the outer message does not already hold it, and its
 * type when it has no message.
 */
final class FailureMessages {

    private FailureMessages() {
    }

    static String describe(Throwable failure) {
        String text = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        Throwable innermost = innermost(failure);
        String reason = innermost.getMessage();
        if (innermost == failure || (reason != null && text.contains(reason))) {
            return text;
        }
        // A cause without a message still tells what happened: an interrupted thread reached Spring
        // Data Redis as "Unable to connect to Redis", with an InterruptedException under it.
        return text + " (" + innermost.getClass().getSimpleName() + ((reason != null) ? ": " + reason : "") + ")";
    }

    // Spring's NestedExceptionUtils does this too; the spi package stays free of Spring.
    private static Throwable innermost(Throwable failure) {
        Throwable current = failure;
        // Bounded, so a cause chain that loops back on itself cannot hang the error path.
        for (int depth = 0; depth < 32 && current.getCause() != null && current.getCause() != current; depth++) {
            current = current.getCause();
        }
        return current;
    }

}
