/**
 * TaskRouter's HTTP surface over the engine: {@link dev.reservations.http.TaskRouterApi} turns
 * one request into one response with no transport, and {@link
 * dev.reservations.http.TaskRouterServer} serves it on the JDK's {@code HttpServer} over
 * loopback. {@link dev.reservations.http.ManualClock} and {@link dev.reservations.http.EventLog}
 * are what the control endpoints under {@code /__admin/} drive and read. Needs jackson-core (the
 * JSON adapter) and, for the server only, the {@code jdk.httpserver} module at run time.
 */
@NullMarked
package dev.reservations.http;

import org.jspecify.annotations.NullMarked;
