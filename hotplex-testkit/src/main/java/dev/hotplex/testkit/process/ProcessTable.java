package dev.hotplex.testkit.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the live processes from {@code /proc}, so tests can prove that nothing was left running. Give the
 * processes under test a unique argument (e.g. {@code sleep 600123}) and look for it.
 */
public final class ProcessTable {
  private static final Path PROC = Path.of("/proc");

  private ProcessTable() {}

  /** Pids of live processes one of whose arguments (after the executable) equals {@code argument}. */
  public static List<Long> withArgument(String argument) {
    return pids(args -> args.size() > 1 && args.subList(1, args.size()).contains(argument));
  }

  /** Pids of live processes whose whole command line, arguments joined by spaces, equals {@code commandLine}. */
  public static List<Long> withCommandLine(String commandLine) {
    return pids(args -> String.join(" ", args).equals(commandLine));
  }

  /** Pids of live processes whose working directory is {@code dir} or below it (e.g. an agent in a workspace). */
  public static List<Long> workingIn(Path dir) {
    Path root = dir.toAbsolutePath().normalize();
    try (Stream<Path> entries = Files.list(PROC)) {
      return entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
          .filter(p -> {
            try {
              return Files.readSymbolicLink(p.resolve("cwd")).startsWith(root);
            } catch (IOException | UnsupportedOperationException | SecurityException gone) {
              return false;  // ended while we looked, or not ours to see
            }
          })
          .map(p -> Long.parseLong(p.getFileName().toString()))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + PROC, e);
    }
  }

  private static List<Long> pids(java.util.function.Predicate<List<String>> match) {
    try (Stream<Path> entries = Files.list(PROC)) {
      return entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
          .filter(p -> {
            List<String> args = arguments(p);
            return !args.isEmpty() && match.test(args);
          })
          .map(p -> Long.parseLong(p.getFileName().toString()))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + PROC, e);
    }
  }

  private static List<String> arguments(Path procDir) {
    try {
      String raw = new String(Files.readAllBytes(procDir.resolve("cmdline")), StandardCharsets.UTF_8);
      return raw.isEmpty() ? List.of() : Arrays.asList(raw.split("\0"));
    } catch (IOException e) {
      return List.of();  // the process ended while we looked
    }
  }
}
