package dev.hotplex.bench.results;

import dev.hotplex.bench.stats.Summary;

/**
 * One step of the scale benchmark: {@code sessions} sessions with a live agent process each.
 *
 * @param sessions how many sessions
 * @param mode {@code idle} (every session has a warm process and no turn) or {@code active} (every session runs
 *     turns at once)
 * @param completed false when the step stopped early (time limit or error); {@code note} says why
 * @param spawnSeconds time to open the sessions and start their processes
 * @param heapBytesPerSession retained heap per session after a full GC (heap delta divided by sessions)
 * @param platformThreadsPerSession live platform threads per session (delta divided by sessions)
 * @param rssBytesPerSession the JVM's resident memory per session (delta divided by sessions; stacks included)
 * @param threadsByKind live platform threads by kind while the sessions idle (e.g. stdout readers)
 * @param turns turns measured ({@code active} only)
 * @param latency turn latency under load ({@code active} only, else null)
 * @param lostEvents turns whose result never came, or came without their own events
 * @param misroutedEvents events that reached a session other than the one whose prompt they echo
 * @param note what went wrong, or an empty string
 */
public record ScalePoint(int sessions, String mode, boolean completed, double spawnSeconds,
    double heapBytesPerSession, double platformThreadsPerSession, double rssBytesPerSession, String threadsByKind,
    int turns,
    Summary latency, long lostEvents, long misroutedEvents, String note) {

  public ScalePoint {
    threadsByKind = threadsByKind == null ? "" : threadsByKind;
    note = note == null ? "" : note;
  }
}
