package dev.hotplex.cli;

import dev.hotplex.event.EventRenderer;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** How a command prints: readable log or NDJSON, symbols, colors, stack traces. Shared by run and demo. */
final class OutputOptions {
  @Option(names = "--json", description = "Print NDJSON instead of the readable log: one event per line, each"
      + " prompt ending with a {\"type\":\"result\",...} line. hotplex's own notes go to stderr.")
  boolean json;

  @Option(names = "--ascii", description = "Plain ASCII symbols in the log, for CI logs that mangle Unicode.")
  boolean ascii;

  @Option(names = "--color", description = "ANSI colors in the log (default: off).")
  boolean color;

  @Option(names = "--debug", description = "Print stack traces with errors.")
  boolean debug;

  EventRenderer renderer() {
    return EventRenderer.builder().ascii(ascii).color(color).build();
  }

  /** The same options as command-line arguments, to pass on. */
  List<String> asArguments() {
    List<String> args = new ArrayList<>();
    if (json) {
      args.add("--json");
    }
    if (ascii) {
      args.add("--ascii");
    }
    if (color) {
      args.add("--color");
    }
    if (debug) {
      args.add("--debug");
    }
    return args;
  }
}
