/**
 * {@link dev.reservations.twilio.EngineHttpClient}: twilio-java's {@code HttpClient} answering from
 * an engine in process, with no socket. Optional: it needs twilio-java 13.x on the class path (and
 * jackson-core, as the HTTP surface does); the other packages do not.
 */
@NullMarked
package dev.reservations.twilio;

import org.jspecify.annotations.NullMarked;
