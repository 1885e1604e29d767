/**
 * reservation-engine: an embedded, in-memory engine for TaskRouter-style reservations.
 *
 * <p>{@code dev.reservations.json} needs jackson-core at run time; the rest does not.
 */
module dev.reservations {
  requires org.eclipse.collections.api;
  requires org.eclipse.collections.impl;
  requires static transitive org.jspecify;
  requires static com.fasterxml.jackson.core;

  exports dev.reservations.core;
  exports dev.reservations.query;
  exports dev.reservations.engine;
  exports dev.reservations.json;
}
