/**
 * What one package of the library lends another that users must not call, such as how an engine
 * builds a reservation from its rows. Not exported by the module: not API.
 */
@NullMarked
package dev.reservations.internal;

import org.jspecify.annotations.NullMarked;
