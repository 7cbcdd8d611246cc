package dev.ichie.server.token;

import java.time.Instant;

/** One customer row; package-private. */
record CustomerRow(
    long id, String serviceId, String customerRef, String userId, Instant reissueNotBefore) {}
