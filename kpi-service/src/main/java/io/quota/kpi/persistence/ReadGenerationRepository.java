package io.quota.kpi.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The generation of the read model: bumped in the transaction of every change that can move figures. */
@ApplicationScoped
public class ReadGenerationRepository {
    @Inject
    Db db;

    public void bump() {
        db.update("update read_generation set generation = generation + 1 where id = 1");
    }

    public long current() {
        return db.one("select generation from read_generation where id = 1", rs -> rs.getLong(1)).orElse(0L);
    }
}
