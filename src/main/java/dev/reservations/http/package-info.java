/**
 * TaskRouter's HTTP surface over the engine: {@link dev.reservations.http.TaskRouterApi} turns one
 * request into one response with no transport, and {@link dev.reservations.http.TaskRouterServer}
 * serves it on the JDK's {@code HttpServer} over loopback (its {@code main} is the runnable server
 * jar's). {@link dev.reservations.http.ManualClock} and {@link dev.reservations.http.EventLog} are
 * what the control endpoints under {@code /__admin/} drive and read: give the same instances to the
 * engine's builder ({@code clock}, {@code listener}) and to the server's builder. Needs
 * jackson-core (the JSON adapter) and, for the server only, the {@code jdk.httpserver} module at
 * run time.
 *
 * <p><b>Differences from the live TaskRouter</b>, chosen so that a test fails loudly rather than
 * passes against behaviour the service does not have:
 *
 * <ul>
 *   <li>Only the six Reservation endpoints exist (and {@code /__admin/}); every other path,
 *       including the Task, Worker and Workspace resources that {@code links} name, is a 404.
 *   <li>A task or worker the engine has never seen lists as an empty page, not a 404.
 *   <li>Parameters outside the spec's, and values the spec's types or patterns forbid, are a 400;
 *       {@code ReservationStatus} must be exactly a lower-case wire name.
 *   <li>Instructions place no call: {@code dequeue} and {@code conference} accept a pending
 *       reservation, {@code call} and {@code redirect} only with {@code CallAccept=true} or {@code
 *       RedirectAccept=true} (otherwise nothing changes), {@code supervise} is a 400.
 *   <li>{@code WorkerActivitySid} and the post-work activity sids are checked for their pattern and
 *       ignored: there are no worker activities.
 *   <li>{@code ETag} is the engine's version, {@code "N"}; {@code If-Match} takes {@code N}, {@code
 *       "N"}, {@code W/"N"} (read as N) or {@code *}, not a list.
 *   <li>An illegal move is a 409/20409; the messages are ours, the codes and statuses TaskRouter's.
 *       Page tokens are the engine's keyset cursors.
 *   <li>Credentials: any by default; with an auth token only the Basic password is checked. No
 *       rate-limit, CORS or request-id headers; {@code HEAD} and {@code OPTIONS} are 405s.
 *   <li>Limits: request targets of 8 KiB, 100 header fields or 16 KiB of them, bodies of 64 KiB.
 * </ul>
 */
@NullMarked
package dev.reservations.http;

import org.jspecify.annotations.NullMarked;
