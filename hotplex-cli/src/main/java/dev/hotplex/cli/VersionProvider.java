package dev.hotplex.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code hotplex --version}: hotplex's version and the Claude Code version it pins, from the build. */
final class VersionProvider implements IVersionProvider {
  static final String RESOURCE = "version.properties";

  @Override
  public String[] getVersion() {
    Properties properties = load();
    return new String[] {
        "hotplex " + properties.getProperty("version", "unknown"),
        "Claude Code (pinned): " + properties.getProperty("claudeCodeVersion", "unknown"),
        "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
    };
  }

  static Properties load() {
    Properties properties = new Properties();
    try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE + " from the hotplex jar", e);
    }
    return properties;
  }
}
