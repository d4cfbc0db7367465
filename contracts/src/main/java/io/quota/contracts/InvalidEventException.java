package io.quota.contracts;

/** An event that cannot be parsed or breaks its schema; the reason goes into the dead-letter headers. */
public class InvalidEventException extends RuntimeException {
    public InvalidEventException(String reason) {
        super(reason);
    }

    public InvalidEventException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
