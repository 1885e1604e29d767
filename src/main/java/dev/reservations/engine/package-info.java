/**
 * {@link dev.reservations.engine.ReservationEngine}: the store, its state machine, timeouts, events
 * and paged queries. Everything else in this package is package-private machinery.
 */
@NullMarked
package dev.reservations.engine;

import org.jspecify.annotations.NullMarked;
