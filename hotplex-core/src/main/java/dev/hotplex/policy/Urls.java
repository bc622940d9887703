package dev.hotplex.policy;

import dev.hotplex.policy.CallContext.Step;
import dev.hotplex.policy.shell.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Hosts of the URLs a call names: the tool's URLs, or URL-looking arguments of a command. HTTP clients also take a
 * URL without its scheme ({@code curl evil.example/x}, {@code wget 10.0.0.1:8080}): their operands that look like
 * {@code host[:port][/path]} count too.
 */
final class Urls {
  /** Clients whose operands are URLs, with or without a scheme. */
  private static final Set<String> HTTP_CLIENTS = Set.of("curl", "wget", "http", "https", "httpie", "xh", "xhs");
  /** Their options that take a value (the value is not a URL); short ones also at the end of a cluster. */
  private static final Set<String> VALUE_OPTIONS = Set.of("-o", "--output", "-d", "--data", "--data-binary",
      "--data-raw", "--data-ascii", "--data-urlencode", "--json", "-H", "--header", "-u", "--user", "-X",
      "--request", "-A", "--user-agent", "-e", "--referer", "-b", "--cookie", "-c", "--cookie-jar", "-T",
      "--upload-file", "-F", "--form", "-K", "--config", "-w", "--write-out", "-x", "--proxy", "-m", "--max-time",
      "--connect-timeout", "--retry", "--retry-delay", "-r", "--range", "-E", "--cert", "--key", "--cacert", "-D",
      "--dump-header", "--resolve", "--connect-to", "-O", "--output-document", "-P", "--directory-prefix", "-a",
      "--append-output", "-U", "--post-data", "--post-file", "--body-data", "--body-file", "--method", "-i",
      "--input-file", "-t", "--tries", "--timeout", "--limit-rate", "-Y", "-y", "-z", "-C", "-Q", "--auth",
      "--session", "--verify");
  private static final String VALUE_LETTERS = "odHuXAebcTFKwxmrEDOPUaitYyzCQ";
  private static final Pattern BARE_URL = Pattern.compile(
      "(localhost|[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+|\\[[0-9A-Fa-f:.]+\\])(:[0-9]+)?([/?#].*)?");

  private Urls() {}

  static List<String> hosts(Step step) {
    List<String> hosts = new ArrayList<>();
    if (step.invocation == null) {
      for (String url : step.context.call.urls()) {
        addHost(url, hosts);
      }
      return hosts;
    }
    List<Word> args = step.args();
    boolean bareUrls = step.name != null && HTTP_CLIENTS.contains(step.name);
    for (int i = 0; i < args.size(); i++) {
      String text = args.get(i).text();
      if (text.contains("://")) {
        addHost(text, hosts);
      } else if (bareUrls && !text.startsWith("-") && (i == 0 || !takesValue(args.get(i - 1).text()))
          && BARE_URL.matcher(text).matches()) {
        addHost("http://" + text, hosts);
      }
    }
    return hosts;
  }

  private static boolean takesValue(String option) {
    if (VALUE_OPTIONS.contains(option)) {
      return true;
    }
    return option.length() > 2 && option.charAt(0) == '-' && option.charAt(1) != '-'
        && VALUE_LETTERS.indexOf(option.charAt(option.length() - 1)) >= 0;
  }

  /** The lower-case host of {@code scheme://[user@]host[:port]/...}, or nothing when it has none. */
  private static void addHost(String text, List<String> hosts) {
    int scheme = text.indexOf("://");
    if (scheme < 0) {
      return;
    }
    int start = scheme + 3;
    int end = start;
    while (end < text.length() && "/?#".indexOf(text.charAt(end)) < 0) {
      end++;
    }
    String authority = text.substring(start, end);
    authority = authority.substring(authority.lastIndexOf('@') + 1);
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      authority = close > 0 ? authority.substring(1, close) : authority;
    } else if (authority.indexOf(':') >= 0) {
      authority = authority.substring(0, authority.indexOf(':'));
    }
    if (!authority.isEmpty()) {
      hosts.add(authority.toLowerCase(Locale.ROOT));
    }
  }
}
