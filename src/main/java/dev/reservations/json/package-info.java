/**
 * {@link dev.reservations.json.TaskRouterJson}: writes and reads reservation pages and single
 * reservations as TaskRouter's wire JSON. Optional: it needs jackson-core (streaming API only) at
 * run time, the other packages do not.
 */
@NullMarked
package dev.reservations.json;

import org.jspecify.annotations.NullMarked;
