package dev.ichie.server.factor;

/** What an authenticator returns with a proof's result for its own callers (e.g. a status). */
public interface ProofDetail {}
