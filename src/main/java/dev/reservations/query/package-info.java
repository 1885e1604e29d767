/**
 * The pure-Java query API: {@link dev.reservations.query.ReservationQuery}, one page request of a
 * task's or a worker's reservation list in TaskRouter's shape, and {@link
 * dev.reservations.query.Page}, the page it produces. Both are immutable values.
 */
@NullMarked
package dev.reservations.query;

import org.jspecify.annotations.NullMarked;
