package io.quota.target.domain;

import java.math.BigDecimal;
import java.time.Instant;

/** A bottom-up commitment (承诺): what a rep or manager commits to for one cell of a version. */
public record Commitment(String cellKey, BigDecimal amount, String committedBy, Instant committedAt) {
}
