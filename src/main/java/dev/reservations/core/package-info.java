/**
 * Domain values: typed sids, {@link dev.reservations.core.ReservationStatus} and its state machine,
 * the {@link dev.reservations.core.Reservation} value, events and the exception family. Every type
 * here is immutable and thread-safe.
 */
@NullMarked
package dev.reservations.core;

import org.jspecify.annotations.NullMarked;
