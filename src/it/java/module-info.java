/**
 * A consumer of reservation-engine on the module path, as a modular application sees it: it reads
 * {@code dev.reservations} and nothing else of ours, and neither jackson-core nor twilio-java is on
 * its module path.
 */
module dev.reservations.consumer {
  requires dev.reservations;
  requires org.junit.jupiter.api;

  opens dev.reservations.consumer to
      org.junit.platform.commons;
}
