package dev.ichie.server.audit;

import java.util.Objects;

/**
 * Who caused an event, and from where.
 *
 * @param type the kind of actor
 * @param id the actor's identifier (customer reference, staff login, API client name), or null
 * @param sourceAddress the network address the request came from, or null
 */
public record Actor(Type type, String id, String sourceAddress) {

  /** The kinds of actor. */
  public enum Type {
    /** A bank customer, through web banking. */
    CUSTOMER,
    /** A token app, through the activation endpoint. */
    TOKEN_APP,
    /** Bank staff, through the branch console. */
    STAFF,
    /** One of the bank's systems, through the REST API. */
    API_CLIENT,
    /** The service itself (expiry, jobs, commands). */
    SYSTEM
  }

  /** The service itself. */
  public static final Actor SYSTEM = new Actor(Type.SYSTEM, "ichie", null);

  /** Validates the actor. */
  public Actor {
    Objects.requireNonNull(type, "type");
  }
}
