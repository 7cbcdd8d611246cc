package dev.ichie.server.api;

/**
 * An authenticated client of the REST API: one of the bank's systems, bound to one service.
 *
 * @param serviceId the service its key belongs to
 * @param name the client's configured name
 */
public record ApiClient(String serviceId, String name) {}
