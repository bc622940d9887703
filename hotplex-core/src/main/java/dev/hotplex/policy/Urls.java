package dev.hotplex.policy;

import dev.hotplex.policy.CallContext.Step;
import dev.hotplex.policy.shell.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Hosts of the URLs a call names: the tool's URLs, or URL-looking arguments of a command. */
final class Urls {
  private Urls() {}

  static List<String> hosts(Step step) {
    List<String> hosts = new ArrayList<>();
    if (step.invocation == null) {
      for (String url : step.context.call.urls()) {
        addHost(url, hosts);
      }
    } else {
      for (Word word : step.args()) {
        addHost(word.text(), hosts);
      }
    }
    return hosts;
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
