package io.quota.target.domain;

/** A version was asked to move to a state its current state does not lead to. */
public class IllegalTransition extends RuntimeException {
    public IllegalTransition(String message) {
        super(message);
    }
}
