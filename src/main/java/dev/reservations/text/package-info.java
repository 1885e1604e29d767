/**
 * Text rules shared by every package of the library, such as how an error message quotes a caller's
 * text. Not exported by the module: not API.
 */
@NullMarked
package dev.reservations.text;

import org.jspecify.annotations.NullMarked;
