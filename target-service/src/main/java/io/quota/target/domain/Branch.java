package io.quota.target.domain;

/** One child of a parent node at some level, with the share of the parent's amount it claims. */
public record Branch(Share share, Node child) {
}
