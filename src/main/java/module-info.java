/**
 * reservation-engine: an embedded, in-memory engine for TaskRouter-style reservations.
 *
 * <p>{@code dev.reservations.json} and {@code dev.reservations.http} need jackson-core at run time,
 * {@code TaskRouterServer} the {@code jdk.httpserver} module, and {@code dev.reservations.twilio}
 * twilio-java 13.x; the rest needs none of them.
 */
module dev.reservations {
  requires org.eclipse.collections.api;
  requires org.eclipse.collections.impl;
  requires static transitive org.jspecify;
  requires static com.fasterxml.jackson.core;
  requires static jdk.httpserver;
  requires static twilio;
  requires static org.apache.httpcomponents.core5.httpcore5;

  exports dev.reservations.core;
  exports dev.reservations.query;
  exports dev.reservations.engine;
  exports dev.reservations.json;
  exports dev.reservations.http;
  exports dev.reservations.twilio;
}
