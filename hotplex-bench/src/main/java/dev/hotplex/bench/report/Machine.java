package dev.hotplex.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** What the report says about the machine: CPU, cores, memory, OS, kernel and the runtimes. */
final class Machine {
  private static final long COMMAND_TIMEOUT_SECONDS = 10;

  private Machine() {}

  /** Facts in print order; a fact that cannot be read says "unknown". */
  static Map<String, String> describe() {
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("CPU", firstValue(Path.of("/proc/cpuinfo"), "model name"));
    facts.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
    facts.put("memory", memory());
    facts.put("OS", osName());
    facts.put("kernel", command("uname", "-r"));
    facts.put("Java (report)", System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version"));
    facts.put("Node.js", command("node", "--version"));
    return facts;
  }

  private static String memory() {
    String kb = firstValue(Path.of("/proc/meminfo"), "MemTotal").replaceAll("[^0-9]", "");
    return kb.isEmpty() ? "unknown" : String.format("%.1f GiB", Long.parseLong(kb) / 1024.0 / 1024.0);
  }

  private static String osName() {
    String name = firstValue(Path.of("/etc/os-release"), "PRETTY_NAME");
    return name.replace("\"", "");
  }

  /** The value after the first "key:" or "key=" line of a file. */
  static String firstValue(Path file, String key) {
    try {
      for (String line : Files.readAllLines(file)) {
        if (line.startsWith(key)) {
          int separator = line.indexOf(line.indexOf(':') >= 0 ? ':' : '=');
          return line.substring(separator + 1).trim();
        }
      }
    } catch (IOException e) {
      return "unknown";
    }
    return "unknown";
  }

  private static String command(String... argv) {
    try {
      Process process = new ProcessBuilder(List.of(argv)).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes()).trim();
      return process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS) && process.exitValue() == 0 ? out
          : "unknown";
    } catch (IOException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }
}
