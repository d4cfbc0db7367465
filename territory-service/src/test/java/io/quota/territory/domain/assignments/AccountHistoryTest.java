package io.quota.territory.domain.assignments;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AccountHistoryTest {
    static LocalDate d(String s) {
        return LocalDate.parse(s);
    }

    @Test
    void reassignmentEndsTheRunningSpanAndKeepsThePast() {
        List<AccountHistory.Span> h = AccountHistory.reassign(List.of(), "EAST", d("2027-01-01"));
        h = AccountHistory.reassign(h, "WEST", d("2027-07-01"));
        assertEquals(List.of(new AccountHistory.Span("EAST", d("2027-01-01"), d("2027-07-01")),
                new AccountHistory.Span("WEST", d("2027-07-01"), null)), h);
        assertEquals("EAST", AccountHistory.holder(h, d("2027-06-30")));
        assertEquals("WEST", AccountHistory.holder(h, d("2027-07-01")));
        // an earlier effective date supersedes what followed it
        List<AccountHistory.Span> back = AccountHistory.reassign(h, "NORTH", d("2027-03-01"));
        assertEquals(List.of(new AccountHistory.Span("EAST", d("2027-01-01"), d("2027-03-01")),
                new AccountHistory.Span("NORTH", d("2027-03-01"), null)), back);
        // unassigned (orphan/overlap): the span just ends
        assertEquals(List.of(new AccountHistory.Span("EAST", d("2027-01-01"), d("2027-02-01"))),
                AccountHistory.reassign(List.of(new AccountHistory.Span("EAST", d("2027-01-01"), null)), null,
                        d("2027-02-01")));
        // back to the same territory on the day it ended: one span again
        List<AccountHistory.Span> same = AccountHistory.reassign(
                List.of(new AccountHistory.Span("EAST", d("2027-01-01"), d("2027-02-01"))), "EAST", d("2027-02-01"));
        assertEquals(List.of(new AccountHistory.Span("EAST", d("2027-01-01"), null)), same);
    }
}
