package dev.hotplex.testkit.fakecli;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes an executable shell script that runs {@link FakeAgentCli} in a given mode, for use as an agent's CLI path:
 * {@code #!/bin/sh} then {@code exec java ... FakeAgentCli --mode <mode> "$@"}. The script's class path holds only
 * the fake and Jackson, and the JVM flags favour start-up time.
 */
public final class FakeCliLauncher {
  /** JVM flags for a quick start and a small footprint. */
  public static final List<String> JVM_FLAGS =
      List.of("-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k");

  private FakeCliLauncher() {}

  /**
   * Writes {@code <dir>/fake-agent-<mode>} and makes it executable.
   *
   * @return the script's path
   */
  public static Path write(Path dir, FakeAgentCli.Mode mode) throws IOException {
    Files.createDirectories(dir);
    Path script = dir.resolve("fake-agent-" + mode.cliName());
    StringBuilder text = new StringBuilder("#!/bin/sh\nexec ")
        .append(quote(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    for (String flag : JVM_FLAGS) {
      text.append(' ').append(flag);
    }
    text.append(" -cp ").append(quote(classPath())).append(' ').append(FakeAgentCli.class.getName())
        .append(" --mode ").append(mode.cliName()).append(" \"$@\"\n");
    Files.writeString(script, text, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script;
  }

  /** The fake's own classes and Jackson's three jars. */
  static String classPath() {
    Set<String> entries = new LinkedHashSet<>();
    for (Class<?> type : List.of(FakeAgentCli.class, ObjectMapper.class, JsonFactory.class, JsonProperty.class)) {
      try {
        entries.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
      } catch (URISyntaxException e) {
        throw new IllegalStateException("cannot locate the class path entry of " + type.getName(), e);
      }
    }
    return String.join(":", entries);
  }

  private static String quote(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }
}
