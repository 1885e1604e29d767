package dev.reservations.benchmarks;

/** Where the HTTP benchmarks send TaskRouter's requests, chosen by a JMH {@code @Param}. */
public enum HttpTarget {
  /** twilio-java's {@code Request} through {@code EngineHttpClient}: in process, no socket. */
  IN_PROCESS,
  /** {@code TaskRouterServer} on 127.0.0.1, through one keep-alive {@code java.net.http} client. */
  LOOPBACK,
  /**
   * WireMock 3.13 on 127.0.0.1 serving a canned copy of the loopback server's answers, through
   * the same client: no request journal, no request logging, no gzip, 16 container threads.
   */
  WIREMOCK
}
