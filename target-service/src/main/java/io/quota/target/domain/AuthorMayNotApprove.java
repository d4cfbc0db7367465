package io.quota.target.domain;

/**
 * Four eyes (DESIGN.md section 6): whoever created a version may not approve it, whatever their roles (an admin
 * included). The API answers 403.
 */
public class AuthorMayNotApprove extends RuntimeException {
    public AuthorMayNotApprove(String message) {
        super(message);
    }
}
